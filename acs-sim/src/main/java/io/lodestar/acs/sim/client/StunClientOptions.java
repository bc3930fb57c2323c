package io.lodestar.acs.sim.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How a simulated CPE's STUN client runs. Start from {@link #defaults()}.
 *
 * @param keepAlive the period between Binding Requests; null: the model's STUNMinimumKeepAlivePeriod (at least 1 s)
 * @param server    the STUN server; null: the model's STUNServerAddress and STUNServerPort, or, when the address is
 *                  empty, the ACS URL's host on STUNServerPort
 * @param bind      the local address of the CPE's UDP socket (its STUN and UDP connection request port); default
 *                  the loopback address, like the HTTP connection request listener
 * @param freshness how far a UDP connection request's {@code ts} may be from the CPE's clock; default 5 minutes
 */
public record StunClientOptions(Duration keepAlive, InetSocketAddress server, InetAddress bind, Duration freshness) {

    public StunClientOptions {
        if (keepAlive != null && (keepAlive.isNegative() || keepAlive.isZero())) {
            throw new IllegalArgumentException("the keep-alive period must be positive: " + keepAlive);
        }
        bind = bind == null ? InetAddress.getLoopbackAddress() : bind;
        freshness = freshness == null ? Duration.ofMinutes(5) : freshness;
        if (freshness.isNegative()) {
            throw new IllegalArgumentException("freshness must not be negative: " + freshness);
        }
    }

    public static StunClientOptions defaults() {
        return new StunClientOptions(null, null, null, null);
    }

    public StunClientOptions withKeepAlive(Duration period) {
        return new StunClientOptions(period, server, bind, freshness);
    }

    public StunClientOptions withServer(InetSocketAddress stunServer) {
        return new StunClientOptions(keepAlive, stunServer, bind, freshness);
    }

    public StunClientOptions withBind(InetAddress address) {
        return new StunClientOptions(keepAlive, server, address, freshness);
    }

    public StunClientOptions withFreshness(Duration window) {
        return new StunClientOptions(keepAlive, server, bind, window);
    }
}
