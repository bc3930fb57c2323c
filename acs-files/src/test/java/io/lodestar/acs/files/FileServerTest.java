package io.lodestar.acs.files;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.service.files.FileUrls;
import io.lodestar.acs.service.files.UrlSigner;
import io.lodestar.acs.store.FileMetadata;
import io.lodestar.acs.store.FileStore;
import io.lodestar.acs.store.NewFile;
import io.lodestar.acs.store.StoredFile;
import io.lodestar.acs.store.embedded.DiskFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The file server over a real embedded file store, with the JDK's HTTP client. */
class FileServerTest {

    static final DeviceId PHONE = new DeviceId("0CD0F8-CP-8841-3PCC-SIM000001");
    static final DeviceId OTHER = new DeviceId("0CD0F8-CP-8841-3PCC-SIM000002");
    static final int SIZE = 3 * 1024 * 1024 + 5;

    @TempDir
    Path tmp;

    FileStore store;
    FileUrls urls;
    FileServer server;
    byte[] image;
    StoredFile firmware;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        store = DiskFileStore.open(tmp.resolve("files"));
        image = new byte[SIZE];
        new Random(1).nextBytes(image);
        firmware = store.putFile(new NewFile("fw-12", "sip88xx.12-0-3.loads", FileMetadata.FIRMWARE, "12.0.3",
                List.of("0CD0F8"), List.of(), null, Instant.parse("2026-03-01T10:00:00.250Z")),
                new java.io.ByteArrayInputStream(image), Long.MAX_VALUE);
        byte[] key = new byte[32];
        key[5] = 42;
        int port = freePort();
        FilesSettings settings = FilesSettings.from(Map.of("files.port", String.valueOf(port), "files.bind", "127.0.0.1",
                "files.max-upload-bytes", "1000000"));
        urls = new FileUrls(URI.create("http://127.0.0.1:" + port), new UrlSigner(key), Duration.ofHours(1),
                Clock.systemUTC());
        server = FileServer.start(settings, store, urls, tmp.resolve("spool"), Clock.systemUTC());
    }

    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<byte[]> get(URI uri, String... headers) throws IOException, InterruptedException {
        return send("GET", uri, HttpRequest.BodyPublishers.noBody(), headers);
    }

    HttpResponse<byte[]> send(String method, URI uri, HttpRequest.BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // ---- downloads ------------------------------------------------------------------------------------------

    @Test
    void aDeviceDownloadsTheWholeFileByItsSignedUrl() throws Exception {
        HttpResponse<byte[]> r = get(urls.forDevice("fw-12", PHONE));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSize(SIZE);
        assertThat(sha256(r.body())).isEqualTo(firmware.sha256());
        assertThat(r.headers().firstValue("Content-Length")).contains(String.valueOf(SIZE));
        assertThat(r.headers().firstValue("ETag")).contains("\"" + firmware.sha256() + "\"");
        assertThat(r.headers().firstValue("Last-Modified")).contains("Sun, 01 Mar 2026 10:00:00 GMT");
        assertThat(r.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(r.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"sip88xx.12-0-3.loads\"");
        HttpResponse<byte[]> again = get(urls.forDevice("fw-12", PHONE));
        assertThat(sha256(again.body())).as("on the same kept-alive connection").isEqualTo(firmware.sha256());
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() throws Exception {
        HttpResponse<byte[]> r = send("HEAD", urls.forDevice("fw-12", PHONE), HttpRequest.BodyPublishers.noBody());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Content-Length")).contains(String.valueOf(SIZE));
        assertThat(r.headers().firstValue("ETag")).contains("\"" + firmware.sha256() + "\"");
    }

    @Test
    void anInterruptedDownloadResumesWithARange() throws Exception {
        URI uri = urls.forDevice("fw-12", PHONE);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        HttpResponse<InputStream> first = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        try (InputStream in = first.body()) {
            received.write(in.readNBytes(1_000_000)); // then the connection drops
        }
        HttpResponse<byte[]> rest = get(uri, "Range", "bytes=" + received.size() + "-", "If-Range", etag);
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.headers().firstValue("Content-Range"))
                .contains("bytes " + received.size() + "-" + (SIZE - 1) + "/" + SIZE);
        assertThat(rest.headers().firstValue("Content-Length")).contains(String.valueOf(SIZE - received.size()));
        received.write(rest.body());
        assertThat(sha256(received.toByteArray())).isEqualTo(firmware.sha256());
    }

    @Test
    void boundedAndSuffixRangesAreServed() throws Exception {
        HttpResponse<byte[]> middle = get(urls.forDevice("fw-12", PHONE), "Range", "bytes=10-19");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(java.util.Arrays.copyOfRange(image, 10, 20));
        HttpResponse<byte[]> tail = get(urls.forDevice("fw-12", PHONE), "Range", "bytes=-7");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(image, SIZE - 7, SIZE));
        assertThat(tail.headers().firstValue("Content-Range")).contains("bytes " + (SIZE - 7) + "-" + (SIZE - 1) + "/" + SIZE);
    }

    @Test
    void aRangeForAnotherVersionGetsTheWholeFile() throws Exception {
        HttpResponse<byte[]> r = get(urls.forDevice("fw-12", PHONE), "Range", "bytes=100-", "If-Range", "\"other\"");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSize(SIZE);
    }

    @Test
    void aRangePastTheEndIsUnsatisfiable() throws Exception {
        HttpResponse<byte[]> r = get(urls.forDevice("fw-12", PHONE), "Range", "bytes=" + SIZE + "-");
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.headers().firstValue("Content-Range")).contains("bytes */" + SIZE);
    }

    @Test
    void aKnownVersionIsNotSentAgain() throws Exception {
        HttpResponse<byte[]> tagged = get(urls.forDevice("fw-12", PHONE), "If-None-Match",
                "\"abc\", \"" + firmware.sha256() + "\"");
        assertThat(tagged.statusCode()).isEqualTo(304);
        assertThat(tagged.body()).isEmpty();
        assertThat(tagged.headers().firstValue("ETag")).contains("\"" + firmware.sha256() + "\"");
        HttpResponse<byte[]> otherTag = get(urls.forDevice("fw-12", PHONE), "If-None-Match", "\"abc\"");
        assertThat(otherTag.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> dated = get(urls.forDevice("fw-12", PHONE), "If-Modified-Since",
                "Sun, 01 Mar 2026 10:00:00 GMT");
        assertThat(dated.statusCode()).isEqualTo(304);
    }

    // ---- refusals -------------------------------------------------------------------------------------------

    @Test
    void aWrongSignatureIsForbidden() throws Exception {
        URI good = urls.forDevice("fw-12", PHONE);
        String s = good.toString();
        URI tampered = URI.create(s.substring(0, s.length() - 4) + (s.endsWith("AAAA") ? "BBBB" : "AAAA"));
        assertThat(get(tampered).statusCode()).isEqualTo(403);
        URI otherDevice = URI.create(s.replace(PHONE.value(), OTHER.value()));
        assertThat(get(otherDevice).statusCode()).isEqualTo(403);
        URI otherFile = URI.create(s.replace("/files/fw-12", "/files/fw-13"));
        assertThat(get(otherFile).statusCode()).isEqualTo(403);
        URI unsigned = URI.create(urls.publicUrl() + "/files/fw-12");
        HttpResponse<byte[]> r = get(unsigned);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(new String(r.body())).contains("signature");
    }

    @Test
    void anExpiredUrlIsForbidden() throws Exception {
        HttpResponse<byte[]> r = get(urls.forDevice("fw-12", PHONE, Instant.now().minusSeconds(1)));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(new String(r.body())).contains("expired");
    }

    @Test
    void aMissingFileOrPathIsNotFound() throws Exception {
        assertThat(get(urls.forDevice("fw-none", PHONE)).statusCode()).isEqualTo(404);
        assertThat(get(URI.create(urls.publicUrl() + "/elsewhere")).statusCode()).isEqualTo(404);
        store.deleteFile("fw-12");
        assertThat(get(urls.forDevice("fw-12", PHONE)).statusCode()).isEqualTo(404);
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        HttpResponse<byte[]> r = send("DELETE", urls.forDevice("fw-12", PHONE), HttpRequest.BodyPublishers.noBody());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(store.findFile("fw-12")).isPresent();
    }

    @Test
    void malformedRequestsGet400NeverA500() throws Exception {
        assertThat(raw("GET /files/%zz HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(raw("PUT /uploads/x?device=d HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(raw("GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    /** What the server answers to raw request bytes (its status line, headers and body), read until it closes. */
    String raw(String request) throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", URI.create(urls.publicUrl()).getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    // ---- uploads --------------------------------------------------------------------------------------------

    @Test
    void aDeviceUploadsItsConfigurationWithPut() throws Exception {
        byte[] backup = "<flat-profile><Proxy_1_>sip.example.net</Proxy_1_></flat-profile>".getBytes();
        HttpResponse<byte[]> r = send("PUT", urls.uploadTarget(PHONE, FileMetadata.UPLOADED_CONFIGURATION),
                HttpRequest.BodyPublishers.ofByteArray(backup));
        assertThat(r.statusCode()).isEqualTo(201);
        List<StoredFile> uploads = store.filesOfDevice(PHONE.value());
        assertThat(uploads).hasSize(1);
        StoredFile up = uploads.get(0);
        assertThat(up.fileType()).isEqualTo(FileMetadata.UPLOADED_CONFIGURATION);
        assertThat(up.size()).isEqualTo(backup.length);
        assertThat(up.sha256()).isEqualTo(sha256(backup));
        assertThat(r.headers().firstValue("Location")).contains("/api/v1/files/" + up.id());
        assertThat(store.openFile(up.id()).orElseThrow().open().readAllBytes()).isEqualTo(backup);
    }

    @Test
    void aDeviceUploadsItsLogWithAChunkedPost() throws Exception {
        byte[] log = new byte[300_000];
        new Random(3).nextBytes(log);
        HttpResponse<byte[]> r = send("POST", urls.uploadTarget(PHONE, FileMetadata.UPLOADED_LOG),
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(log)));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(store.filesOfDevice(PHONE.value())).singleElement()
                .satisfies(f -> assertThat(f.sha256()).isEqualTo(sha256(log)));
    }

    @Test
    void anUploadOverTheLimitIsRefusedAndNothingStored() throws Exception {
        byte[] big = new byte[1_000_001];
        for (int i = 0; i < 5; i++) { // the answer comes while the body is still being sent: it must not be lost
            HttpResponse<byte[]> sized = send("PUT", urls.uploadTarget(PHONE, FileMetadata.UPLOADED_LOG),
                    HttpRequest.BodyPublishers.ofByteArray(big));
            assertThat(sized.statusCode()).isEqualTo(413);
            HttpResponse<byte[]> chunked = send("PUT", urls.uploadTarget(PHONE, FileMetadata.UPLOADED_LOG),
                    HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));
            assertThat(chunked.statusCode()).isEqualTo(413);
        }
        assertThat(store.filesOfDevice(PHONE.value())).isEmpty();
        assertThat(tmp.resolve("spool")).isEmptyDirectory();
    }

    @Test
    void anUploadWithADownloadsSignatureIsForbidden() throws Exception {
        URI download = urls.forDevice("fw-12", PHONE);
        URI reused = URI.create(download.toString().replace("/files/fw-12", "/uploads/fw-12"));
        HttpResponse<byte[]> r = send("PUT", reused, HttpRequest.BodyPublishers.ofString("x"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(store.filesOfDevice(PHONE.value())).isEmpty();
    }
}
