package io.lodestar.acs.service.files;

import io.lodestar.acs.core.device.DeviceId;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileUrlsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final DeviceId PHONE = new DeviceId("0CD0F8-CP-8841 3PCC-SIM&1");
    private static final byte[] KEY = new byte[32];

    private static FileUrls urls(Instant now) {
        return new FileUrls(URI.create("http://acs.example.net:7567/"), new UrlSigner(KEY), Duration.ofHours(1),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    @Test
    void theFileAUrlNamesOnThisFileServerIsFoundWhateverItsQueryAndCase() {
        FileUrls urls = urls(T0);
        assertThat(urls.fileIdOf(urls.forDevice("fw-1", PHONE).toString())).contains("fw-1");
        assertThat(urls.fileIdOf("http://ACS.example.net:7567/files/fw-1")).contains("fw-1");
        assertThat(urls.fileIdOf("HTTP://acs.example.net:7567/files/fw%2D1?x=1")).contains("fw-1");
        FileUrls defaultPort = new FileUrls(URI.create("https://acs.example.net"), new UrlSigner(KEY),
                Duration.ofHours(1), Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(defaultPort.fileIdOf("https://acs.example.net:443/files/fw-2")).contains("fw-2");
        for (String other : new String[]{"http://acs.example.net/files/fw-1", "https://acs.example.net:7567/files/fw-1",
                "http://other.example.net:7567/files/fw-1", "http://acs.example.net:7567/uploads/fw-1",
                "http://acs.example.net:7567/files/", "http://acs.example.net:7567/files/profiles/mpp",
                "http://acs.example.net:7567/files/a/b", "not a url", "/files/fw-1", null}) {
            assertThat(urls.fileIdOf(other)).as(String.valueOf(other)).isEmpty();
        }
    }

    @Test
    void aUrlMadeForADeviceIsGrantedUntilItExpires() {
        URI uri = urls(T0).forDevice("fw-1", PHONE);
        assertThat(uri.toString()).startsWith("http://acs.example.net:7567/files/fw-1?device=0CD0F8-CP-8841%203PCC-SIM%261&expires=");
        assertThat(urls(T0).check(uri.getPath(), query(uri))).isEqualTo(FileUrls.Access.GRANTED);
        assertThat(urls(T0.plus(Duration.ofMinutes(59))).check(uri.getPath(), query(uri)))
                .isEqualTo(FileUrls.Access.GRANTED);
        assertThat(urls(T0.plus(Duration.ofHours(1))).check(uri.getPath(), query(uri)))
                .isEqualTo(FileUrls.Access.EXPIRED);
    }

    @Test
    void anotherFileDeviceOrExpiryOrKeyIsABadSignature() {
        URI uri = urls(T0).forDevice("fw-1", PHONE);
        Map<String, String> q = query(uri);
        assertThat(urls(T0).check("/files/fw-2", q)).isEqualTo(FileUrls.Access.BAD_SIGNATURE);
        assertThat(urls(T0).check("/uploads/fw-1", q)).isEqualTo(FileUrls.Access.BAD_SIGNATURE);
        Map<String, String> otherDevice = new HashMap<>(q);
        otherDevice.put("device", "someone-else");
        assertThat(urls(T0).check(uri.getPath(), otherDevice)).isEqualTo(FileUrls.Access.BAD_SIGNATURE);
        Map<String, String> later = new HashMap<>(q);
        later.put("expires", String.valueOf(Long.parseLong(q.get("expires")) + 3600));
        assertThat(urls(T0).check(uri.getPath(), later)).isEqualTo(FileUrls.Access.BAD_SIGNATURE);
        Map<String, String> noSig = new HashMap<>(q);
        noSig.remove("sig");
        assertThat(urls(T0).check(uri.getPath(), noSig)).isEqualTo(FileUrls.Access.BAD_SIGNATURE);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        FileUrls other = new FileUrls(URI.create("http://x"), new UrlSigner(otherKey), Duration.ofHours(1),
                Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(other.check(uri.getPath(), q)).isEqualTo(FileUrls.Access.BAD_SIGNATURE);
    }

    @Test
    void anUploadTargetSignsItsDecodedPath() {
        URI uri = urls(T0).uploadTarget(PHONE, "1 Vendor Configuration File");
        assertThat(uri.getRawPath()).isEqualTo("/uploads/1%20Vendor%20Configuration%20File");
        assertThat(urls(T0).check(uri.getPath(), query(uri))).isEqualTo(FileUrls.Access.GRANTED);
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new UrlSigner(new byte[16])).hasMessageContaining("32 bytes");
    }
}
