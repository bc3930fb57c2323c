package io.lodestar.acs.server;

import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.metrics.DashboardTest;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real ACS, simulated phones running sessions over real HTTP, and a real HTTP client scraping {@code /metrics}
 * on the API's port as Prometheus would: the sessions, the RPCs' round trips, the store, the cache and the JVM are
 * there, and so is every metric the Grafana dashboard queries.
 */
class MetricsEndToEndTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$",
            Pattern.MULTILINE);

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> scrape(AcsHarness acs, String token) throws Exception {
        HttpRequest.Builder get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + acs.server().apiPort()
                + "/metrics")).timeout(Duration.ofSeconds(30));
        if (token != null) {
            get.header("Authorization", "Bearer " + token);
        }
        return http.send(get.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of a series' samples whose labels contain every one of {@code labels} (e.g. {@code outcome="ok"}). */
    private static double sum(String scrape, String name, String... labels) {
        double total = 0;
        Matcher m = SAMPLE.matcher(scrape);
        while (m.find()) {
            String tags = m.group(2) == null ? "" : m.group(2);
            if (m.group(1).equals(name) && java.util.Arrays.stream(labels).allMatch(tags::contains)) {
                total += Double.parseDouble(m.group(3));
            }
        }
        return total;
    }

    private static Set<String> seriesOf(String scrape) {
        Set<String> names = new TreeSet<>();
        Matcher m = SAMPLE.matcher(scrape);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void aScrapeAfterSimulatedSessionsShowsTheSessionsTheirRpcsTheStoreAndTheJvm() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("SIM000101");
            SessionReport first = AcsHarness.ok(phone); // first contact: the ACS walks the data model
            AcsHarness.ok(phone);
            AcsHarness.ok(acs.phone("SIM000102"));
            assertThat(first.rpcMethods()).isNotEmpty();

            HttpResponse<String> r = scrape(acs, null);

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
            String body = r.body();
            assertThat(sum(body, "lodestar_sessions_total", "outcome=\"ok\"")).isEqualTo(3);
            assertThat(sum(body, "lodestar_session_duration_seconds_count", "outcome=\"ok\"")).isEqualTo(3);
            assertThat(sum(body, "lodestar_session_events_total", "event=\"1 BOOT\"")
                    + sum(body, "lodestar_session_events_total", "event=\"0 BOOTSTRAP\"")).isPositive();
            String method = "method=\"" + first.rpcMethods().get(0) + "\"";
            assertThat(sum(body, "lodestar_rpcs_sent_total", method)).isPositive();
            assertThat(sum(body, "lodestar_rpc_duration_seconds_count", method, "outcome=\"response\"")).isPositive();
            assertThat(sum(body, "lodestar_rpc_duration_seconds_bucket", method, "le=\"+Inf\"")).isPositive();
            assertThat(sum(body, "lodestar_store_operation_duration_seconds_count", "operation=\"commit\"",
                    "outcome=\"ok\"")).isGreaterThanOrEqualTo(3);
            assertThat(sum(body, "cache_gets_total", "cache=\"devices\"")).isPositive();
            assertThat(sum(body, "lodestar_sessions_in_progress")).isZero();
            assertThat(sum(body, "jvm_memory_used_bytes", "area=\"heap\"")).isPositive();
            assertThat(sum(body, "jvm_threads_live_threads")).isPositive();
            assertThat(sum(body, "jvm_compilation_time_ms_total")).isPositive();
            assertThat(sum(body, "process_uptime_seconds")).isPositive();
        }
    }

    @Test
    void everyMetricTheDashboardQueriesIsInAScrapeAfterARealSession() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("SIM000103");
            AcsHarness.ok(phone);
            // a task the phone faults on (9005, no such parameter), queued past the service's checks on purpose
            acs.store().addTask(Task.queue(AcsHarness.idOf(phone), new TaskAction.GetParameterValues(
                    List.of("Device.NoSuchObject.NoSuchParameter")), Instant.now(), Duration.ofHours(1)));
            AcsHarness.ok(phone);
            System.gc(); // the GC pause timer appears with the first collection

            Set<String> dashboard = DashboardTest.dashboardMetrics();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(seriesOf(scrape(acs, null).body())).containsAll(dashboard));
            assertThat(sum(scrape(acs, null).body(), "lodestar_cpe_faults_total", "code=\"9005\"",
                    "method=\"GetParameterValues\"", "product_class=\"" + phone.deviceId().productClass() + "\""))
                    .isEqualTo(1);
        }
    }

    @Test
    void withApiMetricsTokenAScrapeNeedsAReadToken() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("api.metrics", "token"))) {
            AcsHarness.ok(acs.phone("SIM000104"));
            String admin = Files.readString(data.resolve("admin-token")).trim();

            assertThat(scrape(acs, null).statusCode()).isEqualTo(401);
            HttpResponse<String> r = scrape(acs, admin);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(sum(r.body(), "lodestar_sessions_total", "outcome=\"ok\"")).isEqualTo(1);
        }
    }

    @Test
    void withApiMetricsOffThereIsNoScrape() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("api.metrics", "off"))) {
            AcsHarness.ok(acs.phone("SIM000105"));

            assertThat(scrape(acs, null).statusCode()).isEqualTo(404);
        }
    }
}
