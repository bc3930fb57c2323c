package io.lodestar.acs.bench.session;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.lodestar.acs.httpauth.HttpAuthClient;

/**
 * One keep-alive HTTP/1.1 connection that runs plain periodic sessions: POST the Inform (expect 200), POST
 * empty (expect 204). Blocking and hand-written on purpose: a request costs one write and one read of a few
 * hundred bytes, far less CPU than a general HTTP client, so that on two cores the client takes as little as
 * possible from the server it measures. Not thread-safe: one worker thread owns it.
 */
final class CpeConnection implements AutoCloseable {

    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int READ_TIMEOUT_MS = 60_000;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] headerPrefix;
    private final byte[] emptyPost;
    private final byte[] header = new byte[MAX_HEADER_BYTES];

    private final BenchAuth auth;
    /** The Digest state of the last challenge (kept across sessions when preemptive), or null. */
    private HttpAuthClient digest;

    CpeConnection(int port) throws IOException {
        this(port, BenchAuth.OFF);
    }

    CpeConnection(int port, BenchAuth auth) throws IOException {
        this.auth = auth;
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        String common = "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: text/xml; charset=\"utf-8\"\r\n"
                + "SOAPAction: \"\"\r\nContent-Length: ";
        headerPrefix = common.getBytes(StandardCharsets.US_ASCII);
        emptyPost = (common + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One whole session; fails with what the server answered instead of 200 then 204. */
    void session(byte[] inform) throws IOException {
        if (!auth.on()) {
            postInform(inform, null);
            expect(200, "the Inform");
        } else {
            if (!auth.preemptive()) {
                digest = null; // a CPE that keeps no nonce: every session is challenged
            }
            postInform(inform, digest == null ? null : digest.header("POST", "/"));
            int length = readHeader();
            int got = statusOf(length);
            if (got == 401) {
                List<String> challenges = headerValues(length, "www-authenticate");
                skip(contentLengthOf(length), false);
                digest = HttpAuthClient.fromChallenges(challenges, auth.username(), auth.password(), false);
                if (digest == null) {
                    throw new IOException("HTTP 401 to the Inform without a Digest challenge: " + challenges);
                }
                postInform(inform, digest.header("POST", "/"));
                expect(200, "the Inform with Digest credentials");
            } else {
                finish(length, got, 200, "the Inform with preemptive Digest credentials");
            }
        }
        out.write(emptyPost);
        out.flush();
        expect(204, "the empty POST (a device that is not fully discovered or has tasks gets an RPC here)");
    }

    private void postInform(byte[] inform, String authorization) throws IOException {
        out.write(headerPrefix);
        out.write((inform.length + "\r\n" + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(inform);
        out.flush();
    }

    private void expect(int status, String what) throws IOException {
        int length = readHeader();
        finish(length, statusOf(length), status, what);
    }

    private void finish(int length, int got, int status, String what) throws IOException {
        int contentLength = got == 204 ? 0 : contentLengthOf(length); // a 204 has no body (Netty drops its length)
        byte[] body = skip(contentLength, got != status);
        if (got != status) {
            throw new IOException("HTTP " + got + " to " + what + ", expected " + status
                    + (body.length > 0 ? ": " + new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8) : ""));
        }
    }

    /** Reads up to and including the blank line; returns the header's length. */
    private int readHeader() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (n == header.length) {
                throw new IOException("response header longer than " + MAX_HEADER_BYTES + " bytes");
            }
            header[n++] = (byte) b;
            if (n >= 4 && header[n - 1] == '\n' && header[n - 2] == '\r' && header[n - 3] == '\n' && header[n - 4] == '\r') {
                return n;
            }
        }
    }

    private int statusOf(int length) throws IOException {
        // "HTTP/1.1 200 OK"
        if (length < 12 || header[8] != ' ') {
            throw new IOException("not an HTTP/1.1 status line: " + new String(header, 0, Math.min(length, 40),
                    StandardCharsets.US_ASCII));
        }
        return (header[9] - '0') * 100 + (header[10] - '0') * 10 + (header[11] - '0');
    }

    private int contentLengthOf(int length) throws IOException {
        String text = new String(header, 0, length, StandardCharsets.US_ASCII);
        int at = indexOfIgnoreCase(text, "\r\ncontent-length:");
        if (at < 0) {
            throw new IOException("response without Content-Length (the benchmark reads only sized responses)");
        }
        int start = at + "\r\ncontent-length:".length();
        int end = text.indexOf('\r', start);
        return Integer.parseInt(text.substring(start, end).trim());
    }

    /** The values of every header line named {@code lowerCaseName}. */
    private List<String> headerValues(int length, String lowerCaseName) {
        List<String> values = new ArrayList<>();
        for (String line : new String(header, 0, length, StandardCharsets.US_ASCII).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT).equals(lowerCaseName)) {
                values.add(line.substring(colon + 1).trim());
            }
        }
        return values;
    }

    private static int indexOfIgnoreCase(String text, String lowerCaseNeedle) {
        return text.toLowerCase(java.util.Locale.ROOT).indexOf(lowerCaseNeedle);
    }

    private byte[] skip(int contentLength, boolean keep) throws IOException {
        byte[] body = keep ? new byte[contentLength] : null;
        int done = 0;
        while (done < contentLength) {
            int r = keep ? in.read(body, done, contentLength - done) : (int) in.skip(contentLength - done);
            if (r <= 0) {
                if (in.read() < 0) {
                    throw new IOException("the server closed the connection within a response body");
                }
                r = 1;
            }
            done += r;
        }
        return keep ? body : new byte[0];
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
