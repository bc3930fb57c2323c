package io.lodestar.acs.sim.client;

import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.httpauth.HttpAuthClient;
import io.lodestar.acs.sim.rpc.CpeFaults;
import io.lodestar.acs.sim.rpc.TransferAgent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A CPE's file transfers over HTTP, as TR-069 3.4.5 has them: GET for a Download, PUT for an Upload, answering a
 * 401 challenge with the credentials the ACS gave (Basic or Digest, through {@link HttpAuthClient}), refusing a
 * file larger than announced or than {@link #MAX_FILE_SIZE}, and checking the size announced (FileSize 0 means
 * unknown). Failures are the TR-069 faults a CPE reports in TransferComplete: 9012 authentication, 9015 server
 * not reachable, 9016 file not accessible (404 and other statuses), 9017 cut short, 9018 wrong size, 9011 for an
 * upload. Blocking: the simulator calls it after a session, when the CPE has nothing else to do.
 */
final class HttpTransferAgent implements TransferAgent {

    /** The largest file a simulated CPE accepts: it keeps the file in memory. */
    static final long MAX_FILE_SIZE = 64L * 1024 * 1024;

    private final HttpClient client;
    private final Duration timeout;

    HttpTransferAgent(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Fetched download(String url, String username, String password, long expectedSize) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return Fetched.failed(CpeFaults.DOWNLOAD_FAILURE, "malformed URL " + url);
        }
        if (!isHttp(uri)) {
            return Fetched.failed(CpeFaults.UNSUPPORTED_PROTOCOL, String.valueOf(uri.getScheme()));
        }
        try {
            HttpResponse<InputStream> response = send("GET", uri, username, password, null);
            try (InputStream in = response.body()) {
                if (response.statusCode() == 401) {
                    return Fetched.failed(CpeFaults.FILE_SERVER_AUTHENTICATION, "HTTP 401 from " + uri.getHost());
                }
                if (response.statusCode() / 100 != 2) {
                    return Fetched.failed(CpeFaults.CANNOT_ACCESS_FILE, "HTTP " + response.statusCode());
                }
                long limit = expectedSize > 0 ? expectedSize : MAX_FILE_SIZE;
                byte[] body = in.readNBytes((int) Math.min(limit + 1, MAX_FILE_SIZE + 1));
                if (body.length > limit) {
                    return Fetched.failed(CpeFaults.FILE_CORRUPTED, "the file is larger than "
                            + (expectedSize > 0 ? "the FileSize " + expectedSize : MAX_FILE_SIZE + " bytes"));
                }
                if (expectedSize > 0 && body.length != expectedSize) {
                    return Fetched.failed(CpeFaults.FILE_CORRUPTED, "got " + body.length + " bytes, FileSize says "
                            + expectedSize);
                }
                return new Fetched(FaultStruct.NONE, body);
            }
        } catch (IOException e) {
            return Fetched.failed(e instanceof java.net.ConnectException ? CpeFaults.CANNOT_CONTACT_SERVER
                    : CpeFaults.CANNOT_COMPLETE, e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Fetched.failed(CpeFaults.CANNOT_COMPLETE, "interrupted");
        }
    }

    @Override
    public FaultStruct upload(String url, String username, String password, String contentType, byte[] body) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return fault(CpeFaults.UPLOAD_FAILURE, "malformed URL " + url);
        }
        if (!isHttp(uri)) {
            return fault(CpeFaults.UNSUPPORTED_PROTOCOL, String.valueOf(uri.getScheme()));
        }
        try {
            HttpResponse<InputStream> response = send("PUT", uri, username, password, new Body(contentType, body));
            try (InputStream in = response.body()) {
                in.readNBytes(64 * 1024); // drain a little, so the connection can be reused
                if (response.statusCode() == 401) {
                    return fault(CpeFaults.FILE_SERVER_AUTHENTICATION, "HTTP 401 from " + uri.getHost());
                }
                if (response.statusCode() / 100 != 2) {
                    return fault(CpeFaults.UPLOAD_FAILURE, "HTTP " + response.statusCode());
                }
                return FaultStruct.NONE;
            }
        } catch (IOException e) {
            return fault(CpeFaults.UPLOAD_FAILURE, e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fault(CpeFaults.UPLOAD_FAILURE, "interrupted");
        }
    }

    private record Body(String contentType, byte[] bytes) {}

    /** One request, and once more with an Authorization header when challenged and credentials were given. */
    private HttpResponse<InputStream> send(String method, URI uri, String username, String password, Body body)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> first = client.send(request(method, uri, body, null),
                HttpResponse.BodyHandlers.ofInputStream());
        if (first.statusCode() != 401 || username == null || username.isEmpty()) {
            return first;
        }
        List<String> challenges = first.headers().allValues("WWW-Authenticate");
        first.body().close();
        HttpAuthClient auth = HttpAuthClient.fromChallenges(challenges, username, password == null ? "" : password);
        if (auth == null) {
            return client.send(request(method, uri, body, null), HttpResponse.BodyHandlers.ofInputStream());
        }
        String requestTarget = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return client.send(request(method, uri, body, auth.header(method, requestTarget)),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest request(String method, URI uri, Body body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
        if (body == null) {
            b.GET();
        } else {
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                    .header("Content-Type", body.contentType());
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.build();
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    private static FaultStruct fault(int code, String detail) {
        return new FaultStruct(code, CpeFaults.text(code) + ": " + detail);
    }
}
