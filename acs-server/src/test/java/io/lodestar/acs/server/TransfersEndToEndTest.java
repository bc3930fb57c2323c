package io.lodestar.acs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfers end to end: a real ACS, a simulated phone over real HTTP, a file server asking for credentials. Tasks
 * are queued through the operators' API; the phone really fetches (or PUTs) the file after its session and reports
 * TransferComplete in the next one; the device's operations (GET /api/v1/devices/{id}) show the outcome.
 */
class TransfersEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIRMWARE = "1 Firmware Upgrade Image";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestFileServer files;

    @BeforeEach
    void startFiles() throws IOException {
        files = new TestFileServer();
    }

    @AfterEach
    void stopFiles() {
        files.close();
    }

    /** Queues a task through the API; returns the task as the API shows it (201). */
    private JsonNode queue(AcsHarness acs, DeviceId id, ObjectNode body) throws Exception {
        HttpResponse<String> r = http.send(request(acs, "/api/v1/devices/" + id.value() + "/tasks")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(AcsHarness acs, DeviceId id, ObjectNode body) throws Exception {
        return http.send(request(acs, "/api/v1/devices/" + id.value() + "/tasks")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(AcsHarness acs, String path) throws Exception {
        HttpResponse<String> r = http.send(request(acs, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpRequest.Builder request(AcsHarness acs, String path) throws IOException {
        String token = Files.readString(data.resolve("admin-token")).trim();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + acs.server().apiPort() + path))
                .header("Authorization", "Bearer " + token);
    }

    /** The device's operation started by the task, as the API shows it. */
    private JsonNode operation(AcsHarness acs, DeviceId id, JsonNode task) throws Exception {
        for (JsonNode op : get(acs, "/api/v1/devices/" + id.value()).get("operations")) {
            if (op.get("taskId").asText().equals(task.get("id").asText())) {
                return op;
            }
        }
        throw new AssertionError("no operation of task " + task.get("id"));
    }

    private static ObjectNode download(String fileType, String url, long size) {
        ObjectNode body = JSON.createObjectNode().put("type", "download").put("fileType", fileType).put("url", url)
                .put("fileSize", size).put("username", TestFileServer.USER).put("password", TestFileServer.PASSWORD);
        return body;
    }

    private static String softwareVersion(SimulatedCpe phone) {
        return phone.model().nodes().stream().filter(n -> n.path().endsWith(".DeviceInfo.SoftwareVersion"))
                .findFirst().orElseThrow().value();
    }

    @Test
    void aFirmwareDownloadCompletesOnlyOnceThePhoneIsBackWithTheExpectedVersion() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("XFR000001");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            byte[] image = "SoftwareVersion=7.1.0\n<firmware image bytes>".getBytes(StandardCharsets.UTF_8);
            String url = files.serve("phone-7.1.0.bin", image);

            JsonNode task = queue(acs, id, download(FIRMWARE, url, image.length).put("targetFileName", "fw.bin")
                    .put("expectedSoftwareVersion", "7.1.0"));
            assertThat(task.get("action").get("password").asText()).as("a stored password is not shown")
                    .isEqualTo("********");
            assertThat(task.get("action").get("commandKey").asText()).as("a fresh CommandKey").hasSize(32);

            SessionReport sent = AcsHarness.ok(phone);
            assertThat(sent.rpcMethods()).contains("Download");
            JsonNode done = get(acs, "/api/v1/devices/" + id.value() + "/tasks/" + task.get("id").asText());
            assertThat(done.get("status").asText()).isEqualTo("DONE");
            assertThat(done.get("result").get("status").asInt()).as("will complete later").isEqualTo(1);
            assertThat(operation(acs, id, task).get("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(files.requests()).as("the phone fetched the image with its credentials")
                    .containsExactly("GET /files/phone-7.1.0.bin as cpe");
            assertThat(softwareVersion(phone)).isEqualTo("7.1.0");

            SessionReport back = AcsHarness.ok(phone); // rebooted: 1 BOOT, 7 TRANSFER COMPLETE, M Download
            assertThat(back.eventCodes()).contains("1 BOOT", "7 TRANSFER COMPLETE", "M Download");
            assertThat(back.cpeRequests()).contains("TransferComplete");
            JsonNode op = operation(acs, id, task);
            assertThat(op.get("kind").asText()).isEqualTo("DOWNLOAD");
            assertThat(op.get("status").asText()).as(op.toString()).isEqualTo("COMPLETED");
            assertThat(op.get("transfer").get("expectedSoftwareVersion").asText()).isEqualTo("7.1.0");
            assertThat(op.get("transfer").get("transferCompletedAt").isNull()).isFalse();
            assertThat(get(acs, "/api/v1/devices/" + id.value()).get("softwareVersion").asText()).isEqualTo("7.1.0");
        }
    }

    @Test
    void aFirmwareKeptByTheAcsIsNamedByItsIdAndFetchedFromTheFileServer() throws Exception {
        int filesPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            filesPort = probe.getLocalPort();
        }
        try (AcsHarness acs = new AcsHarness(data, Map.of("files.port", String.valueOf(filesPort),
                "files.public-url", "http://127.0.0.1:" + filesPort))) {
            SimulatedCpe phone = acs.phone("XFR000010");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            byte[] image = "SoftwareVersion=7.2.0\n<firmware image bytes>".getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> stored = http.send(request(acs, "/api/v1/files?id=fw-720&name=phone-7.2.0.bin"
                            + "&type=firmware&version=7.2.0").header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);

            HttpResponse<String> unknown = post(acs, id, JSON.createObjectNode().put("type", "download")
                    .put("fileId", "no-such-file"));
            assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(422);
            assertThat(JSON.readTree(unknown.body()).get("code").asText()).isEqualTo("UNKNOWN_FILE");

            JsonNode task = queue(acs, id, JSON.createObjectNode().put("type", "download").put("fileId", "fw-720"));
            JsonNode action = task.get("action");
            assertThat(action.get("url").asText()).as("the signed per-device URL on the file server")
                    .startsWith("http://127.0.0.1:" + filesPort + "/files/fw-720?device=");
            assertThat(action.get("fileType").asText()).isEqualTo(FIRMWARE);
            assertThat(action.get("fileSize").asLong()).isEqualTo(image.length);
            assertThat(action.get("targetFileName").asText()).isEqualTo("phone-7.2.0.bin");
            assertThat(action.get("expectedSoftwareVersion").asText()).as("the file's version").isEqualTo("7.2.0");

            AcsHarness.ok(phone); // Download sent; the phone fetches the image after its session and reboots
            assertThat(softwareVersion(phone)).isEqualTo("7.2.0");
            SessionReport back = AcsHarness.ok(phone);
            assertThat(back.cpeRequests()).contains("TransferComplete");
            JsonNode op = operation(acs, id, task);
            assertThat(op.get("status").asText()).as(op.toString()).isEqualTo("COMPLETED");
            assertThat(get(acs, "/api/v1/devices/" + id.value()).get("softwareVersion").asText()).isEqualTo("7.2.0");
        }
    }

    @Test
    void aFirmwareThatBringsAnotherVersionFailsItsOperation() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("XFR000002");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            byte[] image = "SoftwareVersion=7.0.9\n".getBytes(StandardCharsets.UTF_8);
            JsonNode task = queue(acs, id, download(FIRMWARE, files.serve("old.bin", image), image.length)
                    .put("expectedSoftwareVersion", "7.1.0"));
            AcsHarness.ok(phone);
            AcsHarness.ok(phone); // back with 7.0.9: the transfer succeeded, the version does not match

            JsonNode op = operation(acs, id, task);
            assertThat(op.get("status").asText()).as(op.toString()).isEqualTo("FAILED");
            assertThat(op.get("transfer").get("fault").get("code").asInt()).isEqualTo(9010);
        }
    }

    @Test
    void aVendorConfigurationFileDownloadCompletesWithTheNextSession() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("XFR000003");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            byte[] config = "<config><line1>sip:100@example.net</line1></config>".getBytes(StandardCharsets.UTF_8);
            String before = softwareVersion(phone);

            JsonNode task = queue(acs, id, download("3 Vendor Configuration File", files.serve("phone.xml", config),
                    config.length).put("commandKey", "cfg-2026-12"));
            AcsHarness.ok(phone);
            assertThat(operation(acs, id, task).get("status").asText()).isEqualTo("IN_PROGRESS");
            SessionReport next = AcsHarness.ok(phone);

            assertThat(next.eventCodes()).contains("7 TRANSFER COMPLETE", "M Download").doesNotContain("1 BOOT");
            JsonNode op = operation(acs, id, task);
            assertThat(op.get("commandKey").asText()).isEqualTo("cfg-2026-12");
            assertThat(op.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(softwareVersion(phone)).isEqualTo(before);
        }
    }

    @Test
    void anUploadPutsThePhonesConfigurationToTheUrl() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("XFR000004");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);

            JsonNode task = queue(acs, id, JSON.createObjectNode().put("type", "upload")
                    .put("fileType", "1 Vendor Configuration File").put("url", files.url("backup/XFR000004.cfg"))
                    .put("username", TestFileServer.USER).put("password", TestFileServer.PASSWORD));
            AcsHarness.ok(phone);
            SessionReport next = AcsHarness.ok(phone);

            assertThat(next.eventCodes()).contains("7 TRANSFER COMPLETE", "M Upload");
            assertThat(new String(files.uploaded("backup/XFR000004.cfg"), StandardCharsets.UTF_8))
                    .contains("DeviceInfo.SerialNumber=XFR000004");
            assertThat(operation(acs, id, task).get("kind").asText()).isEqualTo("UPLOAD");
            assertThat(operation(acs, id, task).get("status").asText()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void theTransferCompleteAfterAnAcsRestartEndsTheOperationStartedBeforeIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // the phone keeps its ACS URL: the restarted ACS listens on the same port
        }
        try (AcsHarness acs = new AcsHarness(data, Map.of("cwmp.port", Integer.toString(port)))) {
            SimulatedCpe phone = acs.phone("XFR000005");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            byte[] config = "x=1\n".getBytes(StandardCharsets.UTF_8);
            JsonNode task = queue(acs, id, download("3 Vendor Configuration File", files.serve("r.cfg", config),
                    config.length));
            AcsHarness.ok(phone);
            assertThat(operation(acs, id, task).get("status").asText()).isEqualTo("IN_PROGRESS");

            acs.restart();

            SessionReport next = AcsHarness.ok(phone);
            assertThat(next.cpeRequests()).contains("TransferComplete");
            JsonNode op = operation(acs, id, task);
            assertThat(op.get("status").asText()).as(op.toString()).isEqualTo("COMPLETED");
            assertThat(op.get("commandKey").asText()).isEqualTo(task.get("action").get("commandKey").asText());
        }
    }

    @Test
    void aFailedTransferIsStoredWithThePhonesFault() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("XFR000006");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            byte[] image = "SoftwareVersion=8.0\n".getBytes(StandardCharsets.UTF_8);
            JsonNode wrongSize = queue(acs, id, download(FIRMWARE, files.serve("8.0.bin", image), image.length + 100));
            JsonNode missing = queue(acs, id, download("3 Vendor Configuration File", files.url("absent.xml"), 0));
            AcsHarness.ok(phone);
            AcsHarness.ok(phone);

            JsonNode corrupted = operation(acs, id, wrongSize);
            assertThat(corrupted.get("status").asText()).as(corrupted.toString()).isEqualTo("FAILED");
            assertThat(corrupted.get("transfer").get("fault").get("code").asInt()).isEqualTo(9018);
            JsonNode notFound = operation(acs, id, missing);
            assertThat(notFound.get("status").asText()).isEqualTo("FAILED");
            assertThat(notFound.get("transfer").get("fault").get("code").asInt()).isEqualTo(9016);
            assertThat(notFound.get("transfer").get("fault").get("message").asText()).contains("404");
            assertThat(softwareVersion(phone)).as("no new firmware").isNotEqualTo("8.0");
        }
    }

    @Test
    void aTransferTaskThatBreaksARuleIsAProblem() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("XFR000007");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);

            HttpResponse<String> badType = post(acs, id, download("9 Firmware", "http://files/x", 0));
            assertThat(badType.statusCode()).isEqualTo(422);
            assertThat(badType.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(badType.body()).contains("fileType");
            assertThat(post(acs, id, download(FIRMWARE, "file:///etc/passwd", 0)).statusCode()).isEqualTo(422);
            assertThat(post(acs, id, JSON.createObjectNode().put("type", "download").put("fileType", FIRMWARE))
                    .body()).contains("url");
            assertThat(post(acs, id, download("3 Vendor Configuration File", "http://files/x", 0)
                    .put("expectedSoftwareVersion", "1.0")).statusCode()).isEqualTo(422);
        }
    }
}
