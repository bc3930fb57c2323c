package io.lodestar.acs.sim.client;

/**
 * What a simulated CPE's STUN client and UDP connection request listener did.
 *
 * @param bindingRequests      Binding Requests sent
 * @param bindingResponses     Binding success responses received
 * @param bindingErrors        Binding error responses received (401: the STUN server wants MESSAGE-INTEGRITY)
 * @param accepted             valid UDP connection requests that started a session
 * @param busy                 valid ones that arrived while a session ran (ignored, as a real CPE would)
 * @param wrongCredentials     ignored: {@code un} is not the ConnectionRequestUsername or {@code sig} is wrong
 * @param stale                ignored: {@code ts} too far from the CPE's clock or older than the last accepted
 * @param replayed             ignored: an {@code id} already seen (the ACS's own extra copies count here too)
 * @param malformed            ignored: not a UDP connection request nor a STUN message
 */
public record StunClientStats(int bindingRequests, int bindingResponses, int bindingErrors, int accepted, int busy,
                              int wrongCredentials, int stale, int replayed, int malformed) {

    /** Every UDP connection request ignored, whatever the reason. */
    public int ignored() {
        return wrongCredentials + stale + replayed + malformed;
    }
}
