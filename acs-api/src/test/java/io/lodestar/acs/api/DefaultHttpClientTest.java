package io.lodestar.acs.api;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK's HttpClient left at its default version (HTTP/2) asks a plain-HTTP server to upgrade with
 * {@code Upgrade: h2c}; the API must answer such requests as HTTP/1.1, body included, at once.
 */
class DefaultHttpClientTest extends ApiFixture {

    // default version: HTTP/2, so every plain-HTTP request carries Connection: Upgrade, HTTP2-Settings
    private final HttpClient h2 = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> h2Send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + admin)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return h2.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPostWithAJsonBodyFromTheDefaultClientIsAnsweredAsHttp11AtOnce() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> created = h2Send("POST", "/api/v1/tokens", "{\"name\":\"h2c\",\"scopes\":[\"read\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(json(created).get("token").asText()).startsWith("lst_");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void getsAndBadBodiesFromTheDefaultClientGetTheirNormalAnswersOnOneConnection() throws Exception {
        HttpResponse<String> list = h2Send("GET", "/api/v1/tokens", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).get("items")).hasSize(3);
        HttpResponse<String> bad = h2Send("POST", "/api/v1/tokens", "{\"name\":\"x\",\"scopes\":[\"root\"]}");
        assertThat(bad.statusCode()).isEqualTo(422);
        HttpResponse<String> task = h2Send("POST", "/api/v1/devices/" + PHONE1.value() + "/tasks",
                "{\"type\":\"setParameterValues\",\"values\":[{\"path\":\"" + INTERVAL + "\",\"value\":\"600\"}]}");
        assertThat(task.statusCode()).as(task.body()).isEqualTo(201);
        assertThat(h2Send("GET", "/api/v1/devices/" + PHONE1.value(), null).statusCode()).isEqualTo(200);
    }
}
