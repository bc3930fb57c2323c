package io.lodestar.acs.sim.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A keep-alive HTTP/1.1 connection to the ACS for one load worker: blocking and hand-written so that the generator
 * spends little CPU per request on a machine it shares with the ACS it measures (one write and one read of a few
 * hundred bytes). Reads sized and chunked bodies; reconnects when the server closed the connection. Not
 * thread-safe: one worker owns it.
 */
final class BlockingHttpConnection implements AutoCloseable {

    /** What the ACS answered; header values the session needs, the rest dropped. */
    record Response(int status, byte[] body, String contentType, List<String> setCookies,
                    List<String> challenges, long retryAfterSeconds, boolean close) {}

    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final String host;
    private final int port;
    private final String path;
    private final int timeoutMillis;
    private final byte[] header = new byte[MAX_HEADER_BYTES];
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private int requestsOnSocket;

    BlockingHttpConnection(URI url, int timeoutMillis) {
        this.host = url.getHost();
        this.port = url.getPort() < 0 ? 80 : url.getPort();
        String p = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        this.path = url.getRawQuery() == null ? p : p + "?" + url.getRawQuery();
        this.timeoutMillis = timeoutMillis;
    }

    String path() {
        return path;
    }

    /** Whether the next request goes on a new TCP connection. */
    boolean connected() {
        return socket != null;
    }

    /**
     * POSTs one CWMP body (empty for the CPE's empty POST). A request on a kept-alive connection that the server
     * closed meanwhile is sent again once on a new connection, as HTTP clients do.
     *
     * @throws java.net.ConnectException when the ACS cannot be reached
     * @throws java.net.SocketTimeoutException when it does not answer within the time-out
     */
    Response post(byte[] body, String cookie, String authorization) throws IOException {
        boolean reused = socket != null && requestsOnSocket > 0;
        try {
            return exchange(body, cookie, authorization);
        } catch (ClosedBeforeAnswer e) {
            close();
            if (!reused) {
                throw new IOException("the ACS closed the connection without answering");
            }
            return exchange(body, cookie, authorization);
        }
    }

    private Response exchange(byte[] body, String cookie, String authorization) throws IOException {
        if (socket == null) {
            connect();
        }
        StringBuilder h = new StringBuilder(256);
        h.append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nUser-Agent: lodestar-load\r\nSOAPAction: \"\"\r\n");
        if (body.length > 0) {
            h.append("Content-Type: text/xml; charset=\"utf-8\"\r\n");
        }
        if (cookie != null) {
            h.append("Cookie: ").append(cookie).append("\r\n");
        }
        if (authorization != null) {
            h.append("Authorization: ").append(authorization).append("\r\n");
        }
        h.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        try {
            out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            throw new ClosedBeforeAnswer();
        }
        requestsOnSocket++;
        Response r = read();
        if (r.close()) {
            close();
        }
        return r;
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        out = new BufferedOutputStream(s.getOutputStream(), 32 * 1024);
        in = new BufferedInputStream(s.getInputStream(), 32 * 1024);
        requestsOnSocket = 0;
    }

    private Response read() throws IOException {
        int n = 0;
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketException e) {
                if (n == 0) {
                    throw new ClosedBeforeAnswer();
                }
                throw e;
            }
            if (b < 0) {
                if (n == 0) {
                    throw new ClosedBeforeAnswer();
                }
                throw new IOException("the ACS closed the connection within a response header");
            }
            if (n == header.length) {
                throw new IOException("response header longer than " + MAX_HEADER_BYTES + " bytes");
            }
            header[n++] = (byte) b;
            if (n >= 4 && header[n - 1] == '\n' && header[n - 2] == '\r' && header[n - 3] == '\n'
                    && header[n - 4] == '\r') {
                break;
            }
        }
        String[] lines = new String(header, 0, n - 4, StandardCharsets.ISO_8859_1).split("\r\n");
        String statusLine = lines[0];
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP status line: " + statusLine.substring(0, Math.min(40, statusLine.length())));
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        String contentType = null;
        long retryAfter = 0;
        List<String> cookies = List.of();
        List<String> challenges = List.of();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                case "content-type" -> contentType = value;
                case "retry-after" -> retryAfter = parseRetryAfter(value);
                case "set-cookie" -> cookies = add(cookies, value);
                case "www-authenticate" -> challenges = add(challenges, value);
                default -> { }
            }
        }
        byte[] body;
        if (status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else if (chunked) {
            body = readChunked();
        } else if (length >= 0) {
            if (length > MAX_BODY_BYTES) {
                throw new IOException("response body of " + length + " bytes");
            }
            body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new IOException("the ACS closed the connection within a response body");
            }
        } else {
            body = in.readAllBytes(); // read to the end: the server closes
            close = true;
        }
        return new Response(status, body, contentType, cookies, challenges, retryAfter, close);
    }

    private byte[] readChunked() throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new IOException("chunked response body over " + MAX_BODY_BYTES + " bytes");
            }
            body.write(in.readNBytes(size));
            line();
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        if (b < 0) {
            throw new IOException("the ACS closed the connection within a chunked body");
        }
        return sb.toString();
    }

    private static long parseRetryAfter(String value) {
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0; // an HTTP date: not used by Lodestar; the back-off alone applies
        }
    }

    private static List<String> add(List<String> list, String value) {
        List<String> out = list.isEmpty() ? new ArrayList<>(2) : list;
        out.add(value);
        return out;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do: the socket is gone either way
            }
            socket = null;
        }
    }

    /** The server closed a connection before the first byte of the answer (a kept-alive connection it dropped). */
    private static final class ClosedBeforeAnswer extends IOException {
        ClosedBeforeAnswer() {
            super("closed before the answer", null);
        }
    }
}
