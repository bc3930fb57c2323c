package io.lodestar.acs.cwmp.http;

import java.time.Duration;

/**
 * The CWMP endpoint's settings.
 *
 * @param bindAddress    the address to listen on, e.g. {@code 0.0.0.0}
 * @param port           the TCP port (7547 by convention; 0 picks a free one)
 * @param maxBodyBytes   the largest request body accepted, after decompression (larger: HTTP 413)
 * @param connectionIdle how long an idle TCP connection is kept open
 * @param workerThreads  threads that run sessions (they block on the store)
 */
public record CwmpEndpointConfig(String bindAddress, int port, int maxBodyBytes, Duration connectionIdle,
                                 int workerThreads) {

    public static final int DEFAULT_PORT = 7547;

    public static CwmpEndpointConfig defaults() {
        return new CwmpEndpointConfig("0.0.0.0", DEFAULT_PORT, 8 * 1024 * 1024, Duration.ofSeconds(30),
                Math.max(4, Runtime.getRuntime().availableProcessors() * 4));
    }

    public CwmpEndpointConfig withPort(int newPort) {
        return new CwmpEndpointConfig(bindAddress, newPort, maxBodyBytes, connectionIdle, workerThreads);
    }

    public CwmpEndpointConfig withBindAddress(String address) {
        return new CwmpEndpointConfig(address, port, maxBodyBytes, connectionIdle, workerThreads);
    }

    public CwmpEndpointConfig withMaxBodyBytes(int bytes) {
        return new CwmpEndpointConfig(bindAddress, port, bytes, connectionIdle, workerThreads);
    }
}
