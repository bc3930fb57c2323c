package io.lodestar.acs.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorsAndAuthTest extends ApiFixture {

    @Override
    Map<String, String> settings() {
        return Map.of("api.port", "0", "api.rate-limit", "5", "api.max-body-bytes", "2048");
    }

    private static void assertProblem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = json(r);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("code").asText()).isEqualTo(code);
        assertThat(p.get("type").asText()).startsWith("urn:lodestar:problem:");
        assertThat(p.get("detail").asText()).isNotBlank();
    }

    @Test
    void aMissingOrWrongTokenIs401WithWwwAuthenticate() throws Exception {
        HttpResponse<String> none = get("/api/v1/devices", null);
        assertProblem(none, 401, "TOKEN_INVALID");
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        assertProblem(get("/api/v1/devices", "lst_nope_nope"), 401, "TOKEN_INVALID");
        assertProblem(get("/api/v1/devices", reader + "x"), 401, "TOKEN_INVALID");
    }

    @Test
    void aTokenWithoutTheScopeIs403() throws Exception {
        assertProblem(send("DELETE", "/api/v1/devices/" + PHONE1.value(), reader, null), 403, "SCOPE_MISSING");
        assertProblem(get("/api/v1/tokens", writer), 403, "SCOPE_MISSING");
    }

    @Test
    void tokensAreCreatedListedAndARevokedOneStopsWorking() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/tokens", admin, "{\"name\":\"ci\",\"scopes\":[\"read\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        String text = json(created).get("token").asText();
        assertThat(text).startsWith("lst_");
        assertThat(get("/api/v1/devices", text).statusCode()).isEqualTo(200);
        JsonNode list = json(get("/api/v1/tokens", admin)).get("items");
        assertThat(list).hasSize(4);
        String id = json(created).get("id").asText();
        // the secret follows "lst_<id>_" (it may itself contain '_', so it is not "after the last '_'")
        assertThat(list.toString()).doesNotContain(text.substring(("lst_" + id + "_").length()));
        assertThat(send("DELETE", "/api/v1/tokens/" + id, admin, null).statusCode()).isEqualTo(204);
        assertProblem(get("/api/v1/devices", text), 401, "TOKEN_INVALID");
        assertProblem(send("DELETE", "/api/v1/tokens/nope", admin, null), 404, "UNKNOWN_TOKEN");
        assertProblem(send("POST", "/api/v1/tokens", admin, "{\"name\":\"x\",\"scopes\":[\"root\"]}"), 422, "BAD_SCOPE");
    }

    @Test
    void badJsonIs400() throws Exception {
        assertProblem(send("POST", "/api/v1/devices/" + PHONE1.value() + "/tasks", writer, "{\"type\":"), 400, "BAD_JSON");
        assertProblem(send("POST", "/api/v1/devices/" + PHONE1.value() + "/tasks", writer,
                "{\"type\":\"reboot\",\"bogus\":1}"), 400, "BAD_JSON");
    }

    @Test
    void anUnknownDeviceIs404() throws Exception {
        assertProblem(get("/api/v1/devices/NOBODY-1", reader), 404, "UNKNOWN_DEVICE");
    }

    @Test
    void aBadFilterNamesThePosition() throws Exception {
        HttpResponse<String> r = get("/api/v1/devices?filter=" + q("productClass = \"A\" AND softwareVersion ~ \"1\""), reader);
        assertProblem(r, 400, "BAD_FILTER");
        assertThat(json(r).get("position").asInt()).isEqualTo(39);
        HttpResponse<String> unknown = get("/api/v1/devices?filter=" + q("colour = \"red\""), reader);
        assertProblem(unknown, 422, "BAD_FILTER");
        assertThat(json(unknown).get("position").asInt()).isZero();
        HttpResponse<String> unindexed = get("/api/v1/devices?filter=" + q("tag = \"x\" AND Device.X.Y = \"1\""), reader);
        assertProblem(unindexed, 422, "BAD_FILTER");
        assertThat(json(unindexed).get("position").asInt()).isEqualTo(14);
        HttpResponse<String> range = get("/api/v1/devices?filter=" + q(SERIAL + " > \"1\""), reader);
        assertProblem(range, 422, "BAD_FILTER");
    }

    @Test
    void jerseysOwnRefusalsAreProblemsToo() throws Exception {
        assertProblem(get("/api/v1/nothing-here", reader), 404, "NOT_FOUND");
        assertProblem(send("PATCH", "/api/v1/devices", reader, "{}"), 405, "METHOD_NOT_ALLOWED");
        assertProblem(send("POST", "/api/v1/devices/" + PHONE1.value() + "/tasks", writer, "x", "Content-Type",
                "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void anOversizedBodyIs413() throws Exception {
        String big = "{\"type\":\"reboot\",\"commandKey\":\"" + "k".repeat(4096) + "\"}";
        assertProblem(send("POST", "/api/v1/devices/" + PHONE1.value() + "/tasks", writer, big), 413, "TOO_LARGE");
    }

    @Test
    void aTokenBeyondItsRateIs429WithRetryAfter() throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 20; i++) {
            last = get("/health/live", null); // not limited: no token
            last = get("/api/v1/faults?device=" + PHONE1.value(), reader);
            if (last.statusCode() == 429) {
                break;
            }
        }
        assertProblem(last, 429, "RATE_LIMITED");
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(get("/api/v1/devices", writer).statusCode()).isEqualTo(200); // another token has its own rate
    }

    @Test
    void corsIsOffByDefault() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/devices", reader, null, "Origin", "https://evil.example");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> preflight = send("OPTIONS", "/api/v1/devices", null, null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "GET");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
