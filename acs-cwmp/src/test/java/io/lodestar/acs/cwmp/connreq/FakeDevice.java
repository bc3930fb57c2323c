package io.lodestar.acs.cwmp.connreq;

import com.sun.net.httpserver.HttpServer;
import io.lodestar.acs.httpauth.AuthParams;
import io.lodestar.acs.httpauth.Digest;
import io.lodestar.acs.httpauth.DigestAlgorithm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A device's connection request listener on 127.0.0.1, over real HTTP: challenges with Digest (the algorithm
 * given, qop auth) or Basic, checks the answer with acs-http-auth's {@link Digest}, answers 200 to the right
 * credentials and 401 to others, and counts both.
 */
final class FakeDevice implements AutoCloseable {

    private final HttpServer server;
    private final String username;
    private final String password;
    private final DigestAlgorithm algorithm;
    private final String nonce = "n0nce-" + System.nanoTime();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    volatile int statusWhenAuthenticated = 200;

    /** @param algorithm the Digest algorithm to challenge with, or null to challenge with Basic */
    FakeDevice(String username, String password, DigestAlgorithm algorithm) {
        this.username = username;
        this.password = password;
        this.algorithm = algorithm;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            int status;
            if (auth != null && authenticated(exchange.getRequestMethod(), auth)) {
                accepted.incrementAndGet();
                status = statusWhenAuthenticated;
            } else {
                if (auth != null) {
                    rejected.incrementAndGet();
                }
                exchange.getResponseHeaders().add("WWW-Authenticate", algorithm == null
                        ? "Basic realm=\"cpe\""
                        : "Digest realm=\"cpe\", qop=\"auth\", algorithm=" + algorithm.token() + ", nonce=\"" + nonce + "\"");
                status = 401;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cr/device-1";
    }

    int port() {
        return server.getAddress().getPort();
    }

    private boolean authenticated(String method, String header) {
        if (algorithm == null) {
            return header.equals("Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (!header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        Map<String, String> p = AuthParams.parse(header.substring(7));
        if (!nonce.equals(p.get("nonce")) || !username.equals(p.get("username"))
                || !algorithm.token().equalsIgnoreCase(p.getOrDefault("algorithm", "MD5"))) {
            return false;
        }
        String expected = Digest.response(algorithm, username, "cpe", password, method, p.get("uri"), nonce,
                p.get("nc"), p.get("cnonce"), p.get("qop"));
        return Digest.sameHex(expected, p.getOrDefault("response", "").toLowerCase(Locale.ROOT));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
