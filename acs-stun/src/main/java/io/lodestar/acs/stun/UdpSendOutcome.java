package io.lodestar.acs.stun;

/**
 * How sending a UDP connection request went, as far as the ACS can tell: UDP has no answer, so "sent" means the
 * first copy left the socket; whether the device started a session is for the caller to see (its Inform with
 * {@code 6 CONNECTION REQUEST}).
 *
 * @param sent   whether the first copy left the socket
 * @param id     the request's id
 * @param detail why it failed, or null
 */
public record UdpSendOutcome(boolean sent, long id, String detail) {

    static UdpSendOutcome ok(long id) {
        return new UdpSendOutcome(true, id, null);
    }

    static UdpSendOutcome failed(long id, String why) {
        return new UdpSendOutcome(false, id, why);
    }
}
