package io.lodestar.acs.stun;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The ACS's entry to UDP connection requests, for its connection request transport: where to send one for a
 * device (the binding the STUN server learned under its STUNUsername, fresher and NAT-proof, else the
 * UDPConnectionRequestAddress it reported in an Inform) and sending it from the STUN server's socket.
 */
public final class UdpConnectionRequests {

    private final UdpConnectionRequestSender sender;
    private final UdpBindings bindings;
    private final Clock clock;

    public UdpConnectionRequests(UdpConnectionRequestSender sender, UdpBindings bindings, Clock clock) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.bindings = Objects.requireNonNull(bindings, "bindings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Over a running STUN server and the bindings it learns into. */
    public static UdpConnectionRequests over(StunServer server, UdpBindings bindings, Clock clock) {
        return new UdpConnectionRequests(server.connectionRequests(), bindings, clock);
    }

    /**
     * Where a UDP connection request for this device goes, if anywhere.
     *
     * @param stunUsername    the device's STUNUsername (by {@link StunPolicy}, its device id), or null
     * @param reportedAddress its ManagementServer.UDPConnectionRequestAddress as last informed, or null/empty
     */
    public Optional<InetSocketAddress> target(String stunUsername, String reportedAddress) {
        if (stunUsername != null) {
            Optional<UdpBinding> learned = bindings.find(stunUsername, clock.instant());
            if (learned.isPresent()) {
                return Optional.of(learned.get().address());
            }
        }
        if (reportedAddress == null || reportedAddress.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UdpConnectionRequestMessage.parseAddress(reportedAddress));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Sends a connection request to the device's {@link #target target}; the attempt fails at once (not sent)
     * when there is none.
     *
     * @param username the device's ConnectionRequestUsername
     * @param password its ConnectionRequestPassword
     */
    public UdpConnectionRequestAttempt send(String stunUsername, String reportedAddress, String username, String password) {
        Optional<InetSocketAddress> target = target(stunUsername, reportedAddress);
        if (target.isEmpty()) {
            UdpConnectionRequestAttempt none = new UdpConnectionRequestAttempt(UdpConnectionRequestMessage.signed(
                    "0.0.0.0:0", 0, 0, username, "", password));
            none.failed("no UDP binding learned for '" + stunUsername + "' and no usable UDPConnectionRequestAddress ('"
                    + (reportedAddress == null ? "" : reportedAddress) + "')");
            return none;
        }
        return sender.send(target.get(), username, password);
    }

    /** Sends a connection request to an address already chosen (by {@link #target}). */
    public UdpConnectionRequestAttempt send(InetSocketAddress target, String username, String password) {
        return sender.send(Objects.requireNonNull(target, "target"), username, password);
    }
}
