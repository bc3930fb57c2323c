package io.lodestar.acs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.sim.client.CpeOptions;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.model.DataModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A woken device while the ACS is full of storming sessions: the running ACS, booting CPEs over real HTTP holding
 * every place but the reserved ones, the next boots shed with 503 and Retry-After, and a simulated phone woken
 * through the API still gets its session and the operator's value; {@code /metrics} counts both.
 */
class WakeUnderStormEndToEndTest {

    private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$",
            Pattern.MULTILINE);

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> call(AcsHarness acs, String method, String path, String body) throws Exception {
        String token = Files.readString(data.resolve("admin-token")).trim();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + acs.server().apiPort() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of a series' samples whose labels contain every one of {@code labels}. */
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

    @Test
    void withEveryUnreservedPlaceTakenByBootingCpesTheStormIsShedAndAWokenPhoneStillGetsItsSessionAndValue()
            throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("cwmp.max-sessions", "5", "cwmp.reserved-sessions", "2",
                "cwmp.retry-after-min", "1s", "cwmp.retry-after-max", "2s"))) {
            SimulatedCpe phone = acs.cpe(DataModel.ipPhone("WAKE0001"), CpeOptions.defaults().withConnectionRequests(true));
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            HttpResponse<String> put = call(acs, "PUT", "/api/v1/devices/" + id.value()
                    + "/connection-request-credentials", "{\"username\":\"WAKE0001\",\"password\":\"\"}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(204);

            // the storm: booting CPEs whose sessions stay open take every place but the reserved ones
            List<RawCpe> storm = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RawCpe booting = new RawCpe(acs.url());
                assertThat(RawCpe.messageOf(booting.send(RawCpe.inform("STORM" + i, EventStruct.BOOT))))
                        .isInstanceOf(InformResponse.class);
                storm.add(booting);
            }
            // the next boots are shed with 503 and a Retry-After
            for (int i = 3; i < 6; i++) {
                HttpResponse<byte[]> shed = new RawCpe(acs.url()).send(RawCpe.inform("STORM" + i, EventStruct.BOOT));
                assertThat(shed.statusCode()).isEqualTo(503);
                assertThat(shed.headers().firstValue("Retry-After")).isPresent();
            }

            // the operator's task with a connection request is answered with the value the phone took
            HttpResponse<String> r = call(acs, "POST", "/api/v1/devices/" + id.value()
                    + "/tasks?connectionRequest=true&wait=30", "{\"type\":\"setParameterValues\",\"values\":[{\"path\":\""
                    + INTERVAL + "\",\"value\":\"1234\"}]}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode task = JSON.readTree(r.body());
            assertThat(task.get("status").asText()).isEqualTo("DONE");
            assertThat(task.get("connectionRequest").get("outcome").asText()).isEqualTo("SESSION_STARTED");
            assertThat(phone.model().value(INTERVAL)).contains("1234");
            assertThat(acs.server().cwmp().sessionsInProgress()).as("the storm's sessions are still open").isEqualTo(3);

            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + acs.server().apiPort() + "/metrics")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(sum(scrape.body(), "lodestar_sessions_shed_total", "reason=\"too_many_sessions\"")).isEqualTo(3);
            assertThat(sum(scrape.body(), "lodestar_connection_request_duration_seconds_count",
                    "outcome=\"accepted\"")).isEqualTo(1);
            assertThat(sum(scrape.body(), "lodestar_session_events_total", "event=\"6 CONNECTION REQUEST\"")).isEqualTo(1);

            for (RawCpe booting : storm) { // the storm's sessions finish normally
                assertThat(booting.send(null).statusCode()).isIn(200, 204);
            }
        }
    }
}
