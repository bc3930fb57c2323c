package io.lodestar.acs.api;

import io.lodestar.acs.api.auth.Tokens;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /metrics} on the API's port, by setting {@code api.metrics}: open, for a read token, or absent. */
class MetricsRouteTest {

    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    @TempDir
    Path tmp;

    private AcsStore store;
    private ApiServer api;
    private String reader;
    private final AtomicReference<String> acceptSeen = new AtomicReference<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Stands for acs-metrics: Prometheus text unless OpenMetrics is asked for. */
    private final MetricsExposition exposition = accept -> {
        acceptSeen.set(accept);
        return accept != null && accept.contains("application/openmetrics-text")
                ? new MetricsExposition.Scrape(OPEN_METRICS, "lodestar_sessions_total{outcome=\"ok\"} 1.0\n# EOF\n")
                : new MetricsExposition.Scrape(TEXT, "lodestar_sessions_total{outcome=\"ok\"} 1.0\n");
    };

    private void start(String access) {
        store = RocksAcsStore.open(tmp.resolve("store"), IndexedParameters.of());
        MemoryTokenStore tokens = new MemoryTokenStore();
        api = ApiServer.builder().settings(ApiSettings.from(Map.of("api.port", "0", "api.metrics", access)))
                .services(Services.over(store, Clock.systemUTC())).tokenStore(tokens).dataDir(tmp.resolve("data"))
                .metrics(exposition).start();
        reader = new Tokens(tokens, Clock.systemUTC()).create("prometheus", Set.of(TokenScope.READ)).text();
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private HttpResponse<String> get(String path, String token, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void byDefaultTheMetricsAreServedInPrometheusTextWithoutAToken() throws Exception {
        start("on");

        HttpResponse<String> r = get("/metrics", null, null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains(TEXT);
        assertThat(r.body()).contains("lodestar_sessions_total{outcome=\"ok\"} 1.0");
    }

    @Test
    void aScraperThatAsksForOpenMetricsGetsIt() throws Exception {
        start("on");

        HttpResponse<String> r = get("/metrics", null, "application/openmetrics-text; version=1.0.0,text/plain;q=0.5");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains(OPEN_METRICS);
        assertThat(r.body()).endsWith("# EOF\n");
        assertThat(acceptSeen.get()).startsWith("application/openmetrics-text");
    }

    @Test
    void withTokenTheMetricsNeedAReadToken() throws Exception {
        start("token");

        assertThat(get("/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", reader + "x", null).statusCode()).isEqualTo(401);
        HttpResponse<String> r = get("/metrics", reader, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("lodestar_sessions_total");
    }

    @Test
    void offThereIsNoMetricsRoute() throws Exception {
        start("off");

        assertThat(get("/metrics", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void theMetricsRouteIsNotPartOfTheOperatorsOpenApiDocument() throws Exception {
        start("on");

        assertThat(get("/api/openapi.json", null, null).body()).doesNotContain("/metrics");
    }

    @Test
    void anUnknownAccessValueIsRefusedNamingTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiSettings.from(Map.of("api.metrics", "maybe")))
                .hasMessageContaining("api.metrics").hasMessageContaining("on, token, off");
    }
}
