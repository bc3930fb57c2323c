package io.lodestar.acs.files;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.service.files.FileUrls;
import io.lodestar.acs.service.files.UrlSigner;
import io.lodestar.acs.store.FileMetadata;
import io.lodestar.acs.store.FileStore;
import io.lodestar.acs.store.NewFile;
import io.lodestar.acs.store.StoredFile;
import io.lodestar.acs.store.embedded.DiskFileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file server over HTTPS (files.tls.*): whole and ranged downloads through TLS (ChunkedNioFile). */
class FileServerTlsTest {

    @TempDir
    Path tmp;

    private Path resource(String name) throws Exception {
        Path p = tmp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/tls/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    private static HttpClient trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("files", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void aDeviceDownloadsOverHttpsWholeAndByRange() throws Exception {
        Path cert = resource("cert.pem");
        Path key = resource("key.pem");
        FileStore store = DiskFileStore.open(tmp.resolve("files"));
        byte[] image = new byte[700_000];
        new Random(2).nextBytes(image);
        StoredFile fw = store.putFile(NewFile.of("fw", "fw.bin", FileMetadata.FIRMWARE, Instant.now()),
                new ByteArrayInputStream(image), Long.MAX_VALUE);
        int port = FileServerTest.freePort();
        FilesSettings settings = FilesSettings.from(Map.of("files.port", String.valueOf(port), "files.bind",
                "127.0.0.1", "files.tls.certificate", cert.toString(), "files.tls.key", key.toString()));
        FileUrls urls = new FileUrls(URI.create("https://localhost:" + port), new UrlSigner(new byte[32]),
                Duration.ofHours(1), Clock.systemUTC());
        try (FileServer server = FileServer.start(settings, store, urls, tmp.resolve("spool"), Clock.systemUTC())) {
            HttpClient https = trusting(cert);
            URI url = urls.forDevice("fw", new DeviceId("dev-1"));
            HttpResponse<byte[]> whole = https.send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(image);
            assertThat(whole.headers().firstValue("ETag")).contains("\"" + fw.sha256() + "\"");
            HttpResponse<byte[]> part = https.send(HttpRequest.newBuilder(url).header("Range", "bytes=500000-").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.body()).isEqualTo(Arrays.copyOfRange(image, 500_000, image.length));
        }
    }

    @Test
    void aCertificateWithoutItsKeyIsRefusedNamingBothSettings() {
        assertThatThrownBy(() -> FilesSettings.from(Map.of("files.tls.certificate", "/etc/cert.pem")))
                .hasMessageContaining("files.tls.key");
        assertThat(FilesSettings.from(Map.of()).tls()).isFalse();
    }
}
