package io.lodestar.acs.store.codec;

import io.lodestar.acs.core.access.CpeCredential;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CPE credentials record both stores keep; the golden record pins format 1 byte for byte. */
class CpeCredentialEncodingTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String GOLDEN = "010000000663706520c3bc000000086c6f6465737461720000002038353562383533613531"
            + "636566333862653564653530363939613366623763640000004034383430313930346162303038623033653738326364376631"
            + "646162383339306362393933623261363864313961646335346338363137396265396534393262010000000067c2de42075bcd15";

    private static CpeCredential credential() {
        // HA1s of cpe:lodestar:secret
        return new CpeCredential("cpe ü", "lodestar", "855b853a51cef38be5de50699a3fb7cd",
                "48401904ab008b03e782cd7f1dab8390cb993b2a68d19adc54c86179be9e492b",
                Instant.parse("2025-03-01T10:15:30.123456789Z"));
    }

    @Test
    void formatOneIsPinned() {
        assertThat(HEX.formatHex(CpeCredentialEncoding.encode(credential()))).isEqualTo(GOLDEN);
        assertThat(CpeCredentialEncoding.decode(HEX.parseHex(GOLDEN))).isEqualTo(credential());
        assertThat(CpeCredentialEncoding.decode(ByteBuffer.wrap(HEX.parseHex(GOLDEN)))).isEqualTo(credential());
    }

    @Test
    void anUnknownFormatIsRefusedLoudly() {
        byte[] bytes = HEX.parseHex(GOLDEN);
        bytes[0] = 9;
        assertThatThrownBy(() -> CpeCredentialEncoding.decode(bytes)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theRecordNeverPrintsItsHashes() {
        assertThat(credential().toString()).doesNotContain(credential().md5Ha1()).doesNotContain(credential().sha256Ha1());
    }
}
