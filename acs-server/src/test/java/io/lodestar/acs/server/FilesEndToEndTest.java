package io.lodestar.acs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lodestar.acs.core.device.DeviceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file server in the running ACS: an operator uploads a firmware image through the API, a device fetches it
 * by the signed URL the ACS makes for it (also after a restart: the signing key is kept in the data directory),
 * and a device's upload is listed through the API.
 */
class FilesEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeviceId PHONE = new DeviceId("0CD0F8-CP-8841-3PCC-SIM000042");

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void anUploadedImageIsServedToADeviceByItsSignedUrlAcrossARestart() throws Exception {
        byte[] image = new byte[1_500_000];
        new Random(7).nextBytes(image);
        try (AcsHarness acs = new AcsHarness(data)) {
            String token = Files.readString(data.resolve("admin-token")).trim();
            String api = "http://127.0.0.1:" + acs.server().apiPort();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(api
                            + "/api/v1/files?id=fw-12&name=sip88xx.12-0-3.loads&type=firmware&version=12.0.3"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(JSON.readTree(created.body()).get("sha256").asText()).isEqualTo(sha256(image));

            URI url = acs.server().fileUrls().forDevice("fw-12", PHONE);
            assertThat(url.getPort()).isEqualTo(acs.server().filesPort());
            URI local = URI.create("http://127.0.0.1:" + url.getPort() + url.getRawPath() + "?" + url.getRawQuery());
            HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(local).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(sha256(fetched.body())).isEqualTo(sha256(image));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("files-signing-key"))))
                    .isEqualTo("rw-------");

            acs.restart();
            URI again = URI.create("http://127.0.0.1:" + acs.server().filesPort() + url.getRawPath() + "?"
                    + url.getRawQuery());
            HttpResponse<byte[]> afterRestart = http.send(HttpRequest.newBuilder(again).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(afterRestart.statusCode()).as("a URL made before the restart").isEqualTo(200);
            assertThat(sha256(afterRestart.body())).isEqualTo(sha256(image));

            URI target = acs.server().fileUrls().uploadTarget(PHONE, "1 Vendor Configuration File");
            URI localTarget = URI.create("http://127.0.0.1:" + acs.server().filesPort() + target.getRawPath() + "?"
                    + target.getRawQuery());
            HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(localTarget)
                    .PUT(HttpRequest.BodyPublishers.ofString("<flat-profile/>")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(uploaded.statusCode()).isEqualTo(201);
            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + acs.server().apiPort() + "/api/v1/devices/" + PHONE.value() + "/uploads"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            JsonNode items = JSON.readTree(listed.body()).get("items");
            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("fileType").asText()).isEqualTo("1 Vendor Configuration File");
            assertThat(items.get(0).get("size").asLong()).isEqualTo("<flat-profile/>".length());
        }
    }
}
