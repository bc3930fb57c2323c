package io.lodestar.acs.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.store.FileMetadata;
import io.lodestar.acs.store.FileStore;
import io.lodestar.acs.store.NewFile;
import io.lodestar.acs.store.embedded.DiskFileStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/v1/files and /api/v1/devices/{id}/uploads with a real client, over a real embedded file store. */
class FileRoutesTest extends ApiFixture {

    static final long LIMIT = 3_000_000;

    FileStore files;

    @BeforeEach
    void withFiles() {
        api.close(); // the fixture's API has no files: the same one again, with them
        files = DiskFileStore.open(tmp.resolve("files"));
        api = ApiServer.builder().settings(ApiSettings.from(settings()))
                .services(Services.over(store, Clock.systemUTC())).tokenStore(tokenStore).completions(completions)
                .dataDir(tmp.resolve("data")).version("test")
                .files(files, id -> id.equals("fw-busy") ? List.of("task 7 (Download) of device " + PHONE1.value())
                        : List.of(), LIMIT)
                .start();
    }

    HttpResponse<String> upload(String query, HttpRequest.BodyPublisher body, String token) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/v1/files" + query))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream").POST(body).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void anOperatorUploadsListsReadsAndDeletesAFile() throws Exception {
        byte[] image = new byte[2_000_000]; // larger than api.max-body-bytes: uploads have a limit of their own
        new Random(1).nextBytes(image);
        HttpResponse<String> created = upload("?name=sip88xx.12-0-3.loads&type=firmware&version=12.0.3"
                + "&oui=0cd0f8&productClass=CP-8841-3PCC,CP-8851-3PCC", HttpRequest.BodyPublishers.ofByteArray(image), writer);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode f = json(created);
        String id = f.get("id").asText();
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/api/v1/files/" + id);
        assertThat(f.get("fileType").asText()).isEqualTo("1 Firmware Upgrade Image");
        assertThat(f.get("size").asLong()).isEqualTo(image.length);
        assertThat(f.get("sha256").asText()).isEqualTo(sha256(image));
        assertThat(f.get("ouis").get(0).asText()).isEqualTo("0CD0F8");
        assertThat(f.get("productClasses")).hasSize(2);

        assertThat(json(get("/api/v1/files", reader)).get("items")).singleElement()
                .satisfies(item -> assertThat(item.get("id").asText()).isEqualTo(id));
        assertThat(json(get("/api/v1/files/" + id, reader)).get("version").asText()).isEqualTo("12.0.3");
        HttpResponse<byte[]> content = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                        + "/api/v1/files/" + id + "/content")).header("Authorization", "Bearer " + reader).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(sha256(content.body())).isEqualTo(sha256(image));

        assertThat(send("DELETE", "/api/v1/files/" + id, writer, null).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/files/" + id, reader).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/files/" + id, writer, null).statusCode()).isEqualTo(404);
        assertThat(files.files()).isEmpty();
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413AndNotStored() throws Exception {
        byte[] big = new byte[(int) LIMIT + 1];
        HttpResponse<String> sized = upload("?name=big.bin&type=firmware", HttpRequest.BodyPublishers.ofByteArray(big),
                writer);
        assertThat(sized.statusCode()).isEqualTo(413);
        assertThat(json(sized).get("code").asText()).isEqualTo("TOO_LARGE");
        HttpResponse<String> chunked = upload("?name=big.bin&type=firmware",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)), writer);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(files.files()).isEmpty();
    }

    @Test
    void anUploadNeedsANameAndAType() throws Exception {
        HttpResponse<String> noName = upload("?type=firmware", HttpRequest.BodyPublishers.ofString("x"), writer);
        assertThat(noName.statusCode()).isEqualTo(422);
        assertThat(json(noName).get("code").asText()).isEqualTo("MISSING_NAME");
        HttpResponse<String> noType = upload("?name=a.bin", HttpRequest.BodyPublishers.ofString("x"), writer);
        assertThat(json(noType).get("code").asText()).isEqualTo("MISSING_TYPE");
        HttpResponse<String> badOui = upload("?name=a.bin&type=firmware&oui=nothex",
                HttpRequest.BodyPublishers.ofString("x"), writer);
        assertThat(badOui.statusCode()).isEqualTo(422);
        assertThat(json(badOui).get("detail").asText()).contains("OUI");
        HttpResponse<String> byHeaders = send("POST", "/api/v1/files", writer, "<cfg/>", "Content-Type",
                "application/xml", "X-File-Name", "phone.xml", "X-File-Type", "3 Vendor Configuration File");
        assertThat(byHeaders.statusCode()).isEqualTo(201);
        assertThat(json(byHeaders).get("name").asText()).isEqualTo("phone.xml");
    }

    @Test
    void aTakenIdIsAConflict() throws Exception {
        assertThat(upload("?id=fw-1&name=a.bin&type=firmware", HttpRequest.BodyPublishers.ofString("a"), writer)
                .statusCode()).isEqualTo(201);
        HttpResponse<String> again = upload("?id=fw-1&name=b.bin&type=firmware", HttpRequest.BodyPublishers.ofString("b"),
                writer);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("code").asText()).isEqualTo("FILE_EXISTS");
    }

    @Test
    void aFileAPendingTaskUsesIsNotDeleted() throws Exception {
        upload("?id=fw-busy&name=a.bin&type=firmware", HttpRequest.BodyPublishers.ofString("a"), writer);
        HttpResponse<String> r = send("DELETE", "/api/v1/files/fw-busy", writer, null);
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).get("code").asText()).isEqualTo("FILE_IN_USE");
        assertThat(json(r).get("detail").asText()).contains("task 7 (Download)");
        assertThat(files.findFile("fw-busy")).isPresent();
    }

    @Test
    void readersCannotUploadNorDelete() throws Exception {
        assertThat(upload("?name=a.bin&type=firmware", HttpRequest.BodyPublishers.ofString("a"), reader).statusCode())
                .isEqualTo(403);
        assertThat(files.files()).isEmpty();
    }

    @Test
    void whatADeviceUploadedIsListedPerDevice() throws Exception {
        files.putFile(new NewFile("up-1", "backup.cfg", FileMetadata.UPLOADED_CONFIGURATION, "", List.of(), List.of(),
                PHONE1.value(), T0), new ByteArrayInputStream("<cfg/>".getBytes()), LIMIT);
        files.putFile(new NewFile("up-2", "log.txt", FileMetadata.UPLOADED_LOG, "", List.of(), List.of(),
                PHONE2.value(), T0), new ByteArrayInputStream("log".getBytes()), LIMIT);
        JsonNode mine = json(get("/api/v1/devices/" + PHONE1.value() + "/uploads", reader));
        assertThat(mine.get("items")).singleElement().satisfies(item -> {
            assertThat(item.get("id").asText()).isEqualTo("up-1");
            assertThat(item.get("device").asText()).isEqualTo(PHONE1.value());
            assertThat(item.get("fileType").asText()).isEqualTo(FileMetadata.UPLOADED_CONFIGURATION);
        });
        assertThat(json(get("/api/v1/devices/" + PHONE3.value() + "/uploads", reader)).get("items")).isEmpty();
        HttpResponse<String> unknown = get("/api/v1/devices/nobody/uploads", reader);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(get("/api/v1/files?device=" + PHONE2.value(), reader)).get("items")).hasSize(1);
    }
}
