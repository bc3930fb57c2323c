package io.lodestar.acs.cwmp.connreq;

import io.lodestar.acs.httpauth.HttpAuthClient;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * HTTP connection requests (TR-069 3.2.2): a GET to the ConnectionRequestURL, answered with the device's
 * credentials when it challenges: Digest (RFC 7616: MD5, SHA-256, qop auth) always, Basic only when allowed.
 * Uses the JDK's asynchronous client on a small executor of the caller's (no thread per request); the connection
 * and each answer are bounded by time-outs. Redirects are not followed (a device has no reason to redirect).
 */
public final class HttpConnectionRequestTransport implements ConnectionRequestTransport {

    private final HttpClient client;
    private final Duration responseTimeout;
    private final boolean allowBasic;

    public HttpConnectionRequestTransport(Duration connectTimeout, Duration responseTimeout, boolean allowBasic,
                                          Executor executor) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.responseTimeout = responseTimeout;
        this.allowBasic = allowBasic;
    }

    @Override
    public boolean handles(Target target) {
        String a = target.address().toLowerCase(Locale.ROOT);
        return a.startsWith("http://") || a.startsWith("https://");
    }

    @Override
    public CompletableFuture<Delivery> send(Target target) {
        URI uri;
        try {
            uri = URI.create(target.address());
            if (uri.getHost() == null) {
                return CompletableFuture.completedFuture(new Delivery(Result.UNREACHABLE, "no host in the URL"));
            }
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Delivery(Result.UNREACHABLE, "malformed URL: " + e.getMessage()));
        }
        return get(uri, null).thenCompose(first -> {
            if (first.statusCode() != 401) {
                return CompletableFuture.completedFuture(answer(first, false));
            }
            List<String> challenges = first.headers().allValues("WWW-Authenticate");
            HttpAuthClient auth = HttpAuthClient.fromChallenges(challenges, target.username(), target.password(),
                    allowBasic);
            if (auth == null) {
                return CompletableFuture.completedFuture(new Delivery(Result.AUTH_REJECTED,
                        "no challenge the ACS answers: " + (challenges.isEmpty() ? "none" : schemes(challenges))));
            }
            return get(uri, auth.header("GET", requestTarget(uri))).thenApply(second -> answer(second, true));
        }).exceptionally(HttpConnectionRequestTransport::failure);
    }

    private CompletableFuture<HttpResponse<Void>> get(URI uri, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(responseTimeout);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding());
    }

    /** The request-target the Digest response covers: the path and query as sent. */
    static String requestTarget(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private static Delivery answer(HttpResponse<Void> r, boolean authenticated) {
        int s = r.statusCode();
        if (s >= 200 && s < 300) {
            return new Delivery(Result.ACCEPTED, "HTTP " + s);
        }
        if (s == 401 || s == 403) {
            return new Delivery(Result.AUTH_REJECTED, "HTTP " + s + (authenticated ? " to the credentials" : ""));
        }
        return new Delivery(Result.REFUSED, "HTTP " + s);
    }

    private static String schemes(List<String> challenges) {
        return String.join(", ", challenges.stream().map(c -> c.trim().split("\\s+", 2)[0]).toList());
    }

    private static Delivery failure(Throwable t) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (e instanceof HttpConnectTimeoutException) {
            return new Delivery(Result.TIMED_OUT, "connecting timed out");
        }
        if (e instanceof HttpTimeoutException) {
            return new Delivery(Result.TIMED_OUT, "no answer in time");
        }
        if (e instanceof ConnectException || e instanceof UnresolvedAddressException
                || e.getCause() instanceof UnresolvedAddressException) {
            return new Delivery(Result.UNREACHABLE, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (e instanceof IOException) {
            return new Delivery(Result.UNREACHABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new Delivery(Result.UNREACHABLE, "error: " + e);
    }
}
