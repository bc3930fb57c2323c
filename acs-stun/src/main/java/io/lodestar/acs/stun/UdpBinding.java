package io.lodestar.acs.stun;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * What the STUN server learned about one device: the public address its Binding Requests come from (its NAT's
 * mapping of the CPE's STUN socket, where UDP connection requests reach it).
 *
 * @param username      the STUNUsername the device named itself with (by {@link StunPolicy}, the device id)
 * @param address       the source address of its latest Binding Request with CONNECTION-REQUEST-BINDING
 * @param firstSeen     when this address was first seen for this username
 * @param lastSeen      when the latest such request arrived
 * @param authenticated whether that request carried a valid MESSAGE-INTEGRITY
 */
public record UdpBinding(String username, InetSocketAddress address, Instant firstSeen, Instant lastSeen,
                         boolean authenticated) {

    public UdpBinding {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** The address as TR-069 writes UDPConnectionRequestAddress: {@code host:port}, IPv6 in brackets. */
    public String connectionRequestAddress() {
        return UdpConnectionRequestMessage.formatAddress(address);
    }
}
