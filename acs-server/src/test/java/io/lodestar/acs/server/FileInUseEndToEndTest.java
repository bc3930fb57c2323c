package io.lodestar.acs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stored file cannot be deleted through the API while a Download names it: not while the task is pending, not
 * while the device is fetching it (the Download sent, its TransferComplete not come yet). A real ACS, the real API,
 * a simulated phone over real HTTP that really fetches the file from the ACS's file server.
 */
class FileInUseEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpRequest.Builder request(AcsHarness acs, String path) throws IOException {
        String token = Files.readString(data.resolve("admin-token")).trim();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + acs.server().apiPort() + path))
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void upload(AcsHarness acs, String id, byte[] content) throws Exception {
        HttpResponse<String> r = send(request(acs, "/api/v1/files?id=" + id + "&name=" + id + ".bin&type=firmware"
                + "&version=7.2.0").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private JsonNode queueDownload(AcsHarness acs, DeviceId device, String fileId) throws Exception {
        HttpResponse<String> r = send(request(acs, "/api/v1/devices/" + device.value() + "/tasks")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode().put("type", "download").put("fileId", fileId).toString())));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> delete(AcsHarness acs, String fileId) throws Exception {
        return send(request(acs, "/api/v1/files/" + fileId).DELETE());
    }

    private static void assertInUse(HttpResponse<String> refused, String... named) throws Exception {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("code").asText()).isEqualTo("FILE_IN_USE");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("detail").asText()).contains(named);
    }

    @Test
    void aDownloadWhosePlainUrlNamesAFileOfTheAcsIsSignedForItsDeviceAndHoldsTheFile() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, java.util.Map.of("files.public-url", "http://files.example.net:8080"))) {
            SimulatedCpe phone = acs.phone("URL000001");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            SimulatedCpe other = acs.phone("URL000002");
            AcsHarness.ok(other);
            upload(acs, "fw-own", "SoftwareVersion=7.2.0\n".getBytes(StandardCharsets.UTF_8));

            HttpResponse<String> queued = queueUrl(acs, id, "http://FILES.example.net:8080/files/fw-own");
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(201);
            JsonNode action = JSON.readTree(queued.body()).get("action");
            assertThat(action.get("url").asText()).startsWith("http://files.example.net:8080/files/fw-own?device=")
                    .contains("&sig=");
            assertThat(action.get("fileSize").asLong()).isEqualTo(22);
            // another server's URL with the same path is not the ACS's file: queued as given, holding nothing
            HttpResponse<String> elsewhere = queueUrl(acs, AcsHarness.idOf(other), "http://files.example.net/files/fw-own");
            assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(201);
            assertThat(JSON.readTree(elsewhere.body()).get("action").get("url").asText())
                    .isEqualTo("http://files.example.net/files/fw-own");
            // a URL naming a file the ACS does not keep: 422
            HttpResponse<String> unknown = queueUrl(acs, id, "http://files.example.net:8080/files/fw-nothing");
            assertThat(unknown.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(unknown.body()).get("code").asText()).isEqualTo("UNKNOWN_FILE");

            String taskId = JSON.readTree(queued.body()).get("id").asText();
            assertInUse(delete(acs, "fw-own"), "pending task " + taskId, id.value());
            assertThat(send(request(acs, "/api/v1/devices/" + id.value() + "/tasks/" + taskId + "/cancel")
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
            assertThat(delete(acs, "fw-own").statusCode()).as("nothing of the ACS's needs it").isEqualTo(204);
        }
    }

    private HttpResponse<String> queueUrl(AcsHarness acs, DeviceId device, String url) throws Exception {
        return send(request(acs, "/api/v1/devices/" + device.value() + "/tasks")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode().put("type", "download").put("url", url)
                                .put("fileType", "1 Firmware Upgrade Image").toString())));
    }

    @Test
    void aFileNamedByAPendingDownloadIsKeptUntilTheTaskIsCancelled() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("REF000001");
            AcsHarness.ok(phone); // registered; it does not come back while the task waits
            DeviceId id = AcsHarness.idOf(phone);
            upload(acs, "fw-pending", "SoftwareVersion=7.2.0\n".getBytes(StandardCharsets.UTF_8));
            upload(acs, "fw-unused", "SoftwareVersion=7.2.1\n".getBytes(StandardCharsets.UTF_8));
            JsonNode task = queueDownload(acs, id, "fw-pending");
            String taskId = task.get("id").asText();

            assertInUse(delete(acs, "fw-pending"), "pending task " + taskId, id.value());
            assertThat(delete(acs, "fw-unused").statusCode()).as("a file no task names").isEqualTo(204);

            HttpResponse<String> cancelled = send(request(acs, "/api/v1/devices/" + id.value() + "/tasks/" + taskId
                    + "/cancel").POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
            assertThat(delete(acs, "fw-pending").statusCode()).as("nothing needs it any more").isEqualTo(204);
            assertThat(send(request(acs, "/api/v1/files/fw-pending").GET()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aFileBeingDownloadedIsKeptUntilTheDeviceReportsTheTransferComplete() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("REF000002");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            upload(acs, "fw-720", "SoftwareVersion=7.2.0\n<firmware image bytes>".getBytes(StandardCharsets.UTF_8));
            JsonNode task = queueDownload(acs, id, "fw-720");

            SessionReport sent = AcsHarness.ok(phone); // the Download is sent; the phone fetches the file afterwards
            assertThat(sent.rpcMethods()).contains("Download");
            assertInUse(delete(acs, "fw-720"), "operation DOWNLOAD in progress (task " + task.get("id").asText());

            SessionReport back = AcsHarness.ok(phone); // rebooted with the image: TransferComplete
            assertThat(back.cpeRequests()).contains("TransferComplete");
            assertThat(delete(acs, "fw-720").statusCode()).as("the transfer ended").isEqualTo(204);
        }
    }
}
