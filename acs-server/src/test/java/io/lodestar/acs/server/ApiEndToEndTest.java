package io.lodestar.acs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.sim.client.SimulatedCpe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operators' API in the running ACS, beside the CWMP endpoint: a simulated phone informs, an operator finds it
 * through the API with the admin token of the first start, and sets a value with {@code ?wait=} while the phone
 * informs again; the answer carries the value the phone took.
 */
class ApiEndToEndTest {

    private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aSetParameterValuesTaskWithWaitIsAnsweredWithTheValueTheDeviceTook() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("SIM000042");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            Path tokenFile = data.resolve("admin-token");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            String token = Files.readString(tokenFile).trim();
            String base = "http://127.0.0.1:" + acs.server().apiPort();

            HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/devices?filter="
                            + URLEncoder.encode("serialNumber = \"SIM000042\"", StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(found.body()).get("items").get(0).get("id").asText()).isEqualTo(id.value());

            assertThat(acs.store().findDevice(id)).as("findDevice").isPresent();
            assertThat(acs.store().loadSnapshot(id)).as("loadSnapshot").isPresent();
            HttpRequest set = HttpRequest.newBuilder(URI.create(base + "/api/v1/devices/" + id.value() + "/tasks?wait=30"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"setParameterValues\",\"values\":[{\"path\":\""
                            + INTERVAL + "\",\"value\":\"900\"}]}")).build();
            CompletableFuture<HttpResponse<String>> answer = http.sendAsync(set, HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(20)).until(() -> answer.isDone() || !acs.store().pendingTasks(id).isEmpty());
            assertThat(answer.isDone()).as("answered before the phone informed: %s",
                    answer.isDone() ? answer.get().statusCode() + " " + answer.get().body() : "").isFalse();
            AcsHarness.ok(phone);

            HttpResponse<String> r = answer.get(40, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode task = JSON.readTree(r.body());
            assertThat(task.get("status").asText()).isEqualTo("DONE");
            assertThat(task.get("result").get("values").get(0).get("path").asText()).isEqualTo(INTERVAL);
            assertThat(task.get("result").get("values").get(0).get("value").asText()).isEqualTo("900");
            assertThat(phone.model().value(INTERVAL)).contains("900");
        }
    }
}
