package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.cwmp.connreq.ConnectionRequestTransport;
import io.lodestar.acs.stun.UdpConnectionRequestAttempt;
import io.lodestar.acs.stun.UdpConnectionRequestMessage;
import io.lodestar.acs.stun.UdpConnectionRequests;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * UDP connection requests (TR-069 Annex G) as one of connreq's transports, sent from the built-in STUN server's
 * socket (acs-stun). Lives here, in the composition root, so that acs-cwmp and acs-stun stay unaware of each other.
 *
 * <p>A device's address is {@code udp://host:port}: the binding the STUN server learned under its STUNUsername (its
 * device id when the ACS's STUN policy set it, or when it set none), else the binding another node's STUN server
 * learned and stored (fresh within {@code stun.binding-ttl}), else the UDPConnectionRequestAddress it last
 * informed while STUNEnable is not false. A device whose SupportedConnReqMethods is reported without STUN has none.
 * UDP has no answer: "sent" is delivered as ACCEPTED, and the requester waits for the device's
 * {@code 6 CONNECTION REQUEST} session as after an HTTP 200; the remaining copies stop when it comes.
 */
final class UdpConnectionRequestTransport implements ConnectionRequestTransport {

    static final String SCHEME = "udp://";
    /** Copies under way are remembered at most this many; beyond, a session does not stop the copies (harmless). */
    private static final int MAX_TRACKED = 100_000;

    private final UdpConnectionRequests udp;
    private final Map<String, UdpConnectionRequestAttempt> underWay = new ConcurrentHashMap<>();
    /** The fresh binding another node (or this one, before a restart) stored for a device; none by default. */
    private volatile java.util.function.Function<DeviceId, Optional<String>> stored = id -> Optional.empty();

    UdpConnectionRequestTransport(UdpConnectionRequests udp) {
        this.udp = udp;
    }

    /**
     * Where the bindings the nodes' STUN servers learned are found (the store): a device whose binding this node
     * has not learned is sent to the stored one, before the UDPConnectionRequestAddress it reported.
     */
    void storedBindings(java.util.function.Function<DeviceId, Optional<String>> lookup) {
        this.stored = java.util.Objects.requireNonNull(lookup);
    }

    @Override
    public boolean offersAddresses() {
        return true;
    }

    @Override
    public Optional<String> addressFor(DeviceId device, Map<String, String> managementServer) {
        String methods = managementServer.getOrDefault("SupportedConnReqMethods", "").toUpperCase(Locale.ROOT);
        if (!methods.isBlank() && !List.of(methods.replace(" ", "").split(",")).contains("STUN")) {
            return Optional.empty();
        }
        String username = managementServer.getOrDefault("STUNUsername", "").strip();
        String enabled = managementServer.getOrDefault("STUNEnable", "").strip();
        // a reported address of a device that turned STUN off is stale: only a binding learned since counts
        String reported = enabled.equalsIgnoreCase("false") || enabled.equals("0") ? null
                : managementServer.get("UDPConnectionRequestAddress");
        String user = username.isEmpty() ? device.value() : username;
        // this node's own binding first, then one stored by a node (bindings are stored by device id: the STUN
        // username the policy sets), then the reported address
        String fallback = reported;
        if (user.equals(device.value())) {
            try {
                fallback = stored.apply(device).orElse(reported);
            } catch (RuntimeException e) { // the store unavailable: the reported address is all there is
                fallback = reported;
            }
        }
        return udp.target(user, fallback).map(a -> SCHEME + UdpConnectionRequestMessage.formatAddress(a));
    }

    @Override
    public boolean handles(Target target) {
        return target.address().regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    @Override
    public CompletableFuture<Delivery> send(Target target) {
        InetSocketAddress to;
        try {
            to = UdpConnectionRequestMessage.parseAddress(target.address().substring(SCHEME.length()));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Delivery(Result.UNREACHABLE, e.getMessage()));
        }
        UdpConnectionRequestAttempt attempt = udp.send(to, target.username(), target.password());
        if (underWay.size() < MAX_TRACKED) {
            underWay.put(target.address(), attempt);
            attempt.finished().whenComplete((n, e) -> underWay.remove(target.address(), attempt));
        }
        return attempt.outcome().thenApply(o -> o.sent()
                ? new Delivery(Result.ACCEPTED, "UDP connection request id " + o.id() + " sent (UDP has no answer)")
                : new Delivery(Result.UNREACHABLE, "UDP connection request not sent: " + o.detail()));
    }

    @Override
    public void sessionStarted(Target target) {
        UdpConnectionRequestAttempt attempt = underWay.remove(target.address());
        if (attempt != null) {
            attempt.stop();
        }
    }
}
