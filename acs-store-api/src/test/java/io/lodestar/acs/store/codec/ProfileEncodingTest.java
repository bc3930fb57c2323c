package io.lodestar.acs.store.codec;

import io.lodestar.acs.store.ProfileStatusReport;
import io.lodestar.acs.store.StoredProfileTemplate;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The profile records both stores keep; the golden records pin format 1 byte for byte. */
class ProfileEncodingTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Instant T = Instant.parse("2025-03-01T10:15:30.123456789Z");
    private static final String TEMPLATE_GOLDEN = "01" + "000000016e" + "000000022f70" + "00000003612f78"
            + "00000005706c61696e" + "0000000874656d706c617465" + "0000000178" + "01" + "0000000067c2de42"
            + "075bcd15";
    private static final String REPORT_GOLDEN = "01" + "0000000174" + "01" + "0000000067c2de42" + "075bcd15"
            + "0000000461476b3d";

    @Test
    void formatOneOfATemplateIsPinned() {
        StoredProfileTemplate t = new StoredProfileTemplate("n", "/p", "a/x", "plain", "template", "x", T);
        assertThat(HEX.formatHex(ProfileEncoding.encode(t))).isEqualTo(TEMPLATE_GOLDEN);
        assertThat(ProfileEncoding.decodeTemplate(HEX.parseHex(TEMPLATE_GOLDEN))).isEqualTo(t);
        assertThat(ProfileEncoding.decodeTemplate(ByteBuffer.wrap(HEX.parseHex(TEMPLATE_GOLDEN)))).isEqualTo(t);
    }

    @Test
    void formatOneOfAStatusReportIsPinned() {
        ProfileStatusReport r = new ProfileStatusReport("t", T, "hi".getBytes(StandardCharsets.UTF_8));
        assertThat(HEX.formatHex(ProfileEncoding.encode(r))).isEqualTo(REPORT_GOLDEN);
        assertThat(ProfileEncoding.decodeReport(HEX.parseHex(REPORT_GOLDEN))).isEqualTo(r);
    }

    @Test
    void anUnknownFormatIsRefusedLoudly() {
        byte[] bytes = HEX.parseHex(REPORT_GOLDEN);
        bytes[0] = 9;
        assertThatThrownBy(() -> ProfileEncoding.decodeReport(bytes)).isInstanceOf(IllegalStateException.class);
    }
}
