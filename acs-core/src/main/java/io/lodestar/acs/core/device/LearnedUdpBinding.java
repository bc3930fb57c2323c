package io.lodestar.acs.core.device;

import java.time.Instant;
import java.util.Objects;

/**
 * A device's UDP binding as an ACS node's STUN server learned it (TR-111 CONNECTION-REQUEST-BINDING), stored so that
 * any node can send the device a UDP connection request: the public address its Binding Requests come from.
 *
 * @param address       {@code host:port} as TR-069 writes UDPConnectionRequestAddress (IPv6 in brackets)
 * @param lastSeen      when the node last stored it (learned, moved, or refreshed by keep-alives; at most every
 *                      half binding time-to-live, so a fresh binding is never older than that in the store)
 * @param authenticated whether the Binding Request carried a valid MESSAGE-INTEGRITY
 * @param node          the ACS node whose STUN server received it
 */
public record LearnedUdpBinding(String address, Instant lastSeen, boolean authenticated, String node) {

    public LearnedUdpBinding {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(node, "node");
    }
}
