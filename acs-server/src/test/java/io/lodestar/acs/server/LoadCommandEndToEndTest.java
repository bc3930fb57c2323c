package io.lodestar.acs.server;

import io.lodestar.acs.sim.LoadCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lodestar load} against the real ACS over real HTTP: with CPE authentication on (as shipped, credentials
 * read from the data directory like {@code lodestar sim}), a boot storm after the priming discovery serves every
 * device and {@code /metrics} counts the run's sessions; a connection-request storm queues a task per device
 * through the API and every device answers with a session.
 */
class LoadCommandEndToEndTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$",
            Pattern.MULTILINE);

    @TempDir
    Path data;

    private record Run(int exit, String out, String json) {}

    private Run load(String... args) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new LoadCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        Path json = Files.createTempFile(data.getParent(), "load", ".json");
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--json", json.toString(), "--progress", "1s")).toArray(String[]::new);
        int exit = cl.execute(all);
        String summary = Files.exists(json) ? Files.readString(json) : "";
        Files.deleteIfExists(json);
        return new Run(exit, out.toString(), summary);
    }

    private static double sum(String scrape, String name, String label) {
        double total = 0;
        Matcher m = SAMPLE.matcher(scrape);
        while (m.find()) {
            if (m.group(1).equals(name) && (m.group(2) == null ? "" : m.group(2)).contains(label)) {
                total += Double.parseDouble(m.group(3));
            }
        }
        return total;
    }

    @Test
    void aBootStormWithCpeAuthenticationServesEveryDeviceAndTheScrapeCountsItsSessions() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("cwmp.auth.mode", "on"))) {
            Run r = load("--url", acs.url().toString(), "--scenario", "boot-storm", "--devices", "30",
                    "--concurrency", "6", "--duration", "120s", "--credentials-file",
                    data.resolve("cpe-credentials").toString());

            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("credentials: user lodestar-cpe");
            assertThat(r.json()).contains("\"authentication\":true", "\"phase\":\"prime\"", "\"phase\":\"boot-storm\"",
                    "\"devicesServed\":30", "\"sessionsFailed\":0");
            assertThat(r.json()).contains("\"401\":30"); // one challenge per session, answered with Digest

            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + acs.server().apiPort() + "/metrics")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sum(scrape.body(), "lodestar_sessions_total", "outcome=\"ok\"")).isEqualTo(60);
            assertThat(sum(scrape.body(), "lodestar_session_events_total", "event=\"0 BOOTSTRAP\"")).isEqualTo(30);
            assertThat(sum(scrape.body(), "lodestar_session_events_total", "event=\"1 BOOT\"")).isEqualTo(60);
        }
    }

    @Test
    void aConnectionRequestStormWakesEveryDeviceThroughTheApi() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            Run r = load("--url", acs.url().toString(), "--scenario", "cr-storm", "--devices", "12",
                    "--concurrency", "4", "--duration", "120s", "--api-url",
                    "http://127.0.0.1:" + acs.server().apiPort() + "/", "--api-token-file",
                    data.resolve("admin-token").toString(), "--credentials-file", data.resolve("none").toString());

            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.json()).contains("\"phase\":\"cr-storm\"", "\"devicesServed\":12", "\"api:task-queued\":12");
            // each woken device ran the queued GetParameterValues in its connection-request session
            String storm = r.json().substring(r.json().indexOf("\"phase\":\"cr-storm\""));
            assertThat(storm).contains("\"GetParameterValues\":12");
        }
    }
}
