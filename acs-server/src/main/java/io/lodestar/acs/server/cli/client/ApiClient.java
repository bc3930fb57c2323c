package io.lodestar.acs.server.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A client of the running ACS's operator API (docs: api-spec, {@code /api/v1}): sends JSON with the bearer
 * token and turns every failure into an {@link ApiException} whose one line names the cause: an ACS that does
 * not answer, a refused token, a missing scope, or the API's own explanation (its problem {@code detail}).
 */
public final class ApiClient {

    public static final String DEFAULT_URL = "http://127.0.0.1:7557";
    public static final String URL_ENVIRONMENT_VARIABLE = "LODESTAR_API";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ERROR_TEXT = 200;

    private final URI base;
    private final String shownBase;
    private final ApiCredentials credentials;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public ApiClient(URI base, ApiCredentials credentials) {
        this.base = Objects.requireNonNull(base, "base");
        this.shownBase = base.toString().replaceAll("/+$", "");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        // HTTP/1.1: the API serves HTTP/1.1, and an h2c upgrade attempt would only cost a round trip
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The API's base URL from {@code --api} text, e.g. {@code http://127.0.0.1:7557}.
     *
     * @throws ApiException REFUSED when the text is no http(s) URL with a host
     */
    public static URI parseUrl(String text) {
        try {
            URI uri = new URI(text.strip());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (Exception e) {
            throw new ApiException(ExitCode.REFUSED, "the API's address must be a URL such as " + DEFAULT_URL
                    + ", not '" + text + "'");
        }
    }

    public ObjectMapper json() {
        return json;
    }

    public JsonNode get(String path) {
        return send("GET", path, null, Map.of(), REQUEST_TIMEOUT).body();
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, body, Map.of(), REQUEST_TIMEOUT).body();
    }

    public JsonNode put(String path) {
        return send("PUT", path, null, Map.of(), REQUEST_TIMEOUT).body();
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null, Map.of(), REQUEST_TIMEOUT).body();
    }

    /**
     * Sends one request and returns its successful answer.
     *
     * @param path    the path and query under the base URL, e.g. {@code /api/v1/devices?limit=10}
     * @param body    the JSON body, or null for none
     * @param headers more headers (e.g. Idempotency-Key)
     * @param timeout how long the answer may take
     * @throws ApiException for every failure, with its cause in its message
     */
    public ApiResponse send(String method, String path, JsonNode body, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shownBase + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + credentials.token());
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = exchange(request.build(), timeout);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new ApiResponse(status, parse(response, true));
        }
        throw failure(status, response);
    }

    private HttpResponse<String> exchange(HttpRequest request, Duration timeout) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw notRunning(" (connecting timed out after " + CONNECT_TIMEOUT.toSeconds() + " s)");
        } catch (HttpTimeoutException e) {
            throw new ApiException(ExitCode.FAILED, "the Lodestar ACS at " + shownBase + " did not answer within "
                    + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw notRunning("");
        } catch (IOException e) {
            throw new ApiException(ExitCode.FAILED, "cannot talk to the Lodestar ACS at " + shownBase + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ExitCode.FAILED, "interrupted while waiting for the ACS at " + shownBase);
        }
    }

    private ApiException notRunning(String detail) {
        return new ApiException(ExitCode.FAILED, "no Lodestar ACS answers at " + shownBase + detail
                + " — is it running? (./lodestar run)");
    }

    private JsonNode parse(HttpResponse<String> response, boolean strict) {
        String text = response.body();
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            if (!strict) {
                return MissingNode.getInstance();
            }
            throw new ApiException(ExitCode.FAILED, "the answer from " + shownBase + " is not the Lodestar API's JSON (HTTP "
                    + response.statusCode() + ", " + response.headers().firstValue("Content-Type").orElse("no type")
                    + "); is --api the API's address (port 7557), not the CWMP one?");
        }
    }

    /** The exception for an unsuccessful answer, explained by its RFC 9457 problem when it has one. */
    private ApiException failure(int status, HttpResponse<String> response) {
        String detail = detail(status, response);
        return switch (status) {
            case 401 -> new ApiException(ExitCode.NOT_AUTHORIZED,
                    "the API refused the token (from " + credentials.source() + "): " + detail);
            case 403 -> new ApiException(ExitCode.NOT_AUTHORIZED,
                    "the token (from " + credentials.source() + ") lacks the scope for this: " + detail);
            case 400, 409, 413, 422 -> new ApiException(ExitCode.REFUSED, detail);
            case 404 -> new ApiException(ExitCode.FAILED, detail);
            case 429 -> new ApiException(ExitCode.FAILED, "the API limits this token's requests: " + detail
                    + response.headers().firstValue("Retry-After").map(s -> " (retry after " + s + " s)").orElse(""));
            default -> new ApiException(ExitCode.FAILED, "the ACS at " + shownBase + " answered HTTP " + status + ": " + detail);
        };
    }

    private String detail(int status, HttpResponse<String> response) {
        JsonNode problem = parse(response, false);
        for (String field : new String[] {"detail", "title"}) {
            JsonNode text = problem.path(field);
            if (text.isTextual() && !text.asText().isBlank()) {
                return text.asText();
            }
        }
        String body = response.body() == null ? "" : response.body().strip();
        if (body.isEmpty()) {
            return "HTTP " + status + " without an explanation";
        }
        return body.length() > MAX_ERROR_TEXT ? body.substring(0, MAX_ERROR_TEXT) + "..." : body;
    }
}
