package io.lodestar.acs.core.device;

import io.lodestar.acs.core.rpc.DeviceIdStruct;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentitySchemeTest {

    private static DeviceIdStruct id(String oui, String productClass, String serial) {
        return new DeviceIdStruct("Acme", oui, productClass, serial);
    }

    @Test
    void ouiProductClassSerial() {
        assertThat(IdentityScheme.OUI_PRODUCTCLASS_SERIAL.idOf(id("202BC1", "BM632w", "8KA8WA1151100043")))
                .isEqualTo(new DeviceId("202BC1-BM632w-8KA8WA1151100043"));
    }

    @Test
    void anEmptyProductClassIsLeftOut() {
        assertThat(IdentityScheme.OUI_PRODUCTCLASS_SERIAL.idOf(id("202BC1", "", "SN1")).value())
                .isEqualTo("202BC1-SN1");
        assertThat(IdentityScheme.OUI_PRODUCTCLASS_SERIAL.idOf(id("202BC1", null, "SN1")).value())
                .isEqualTo("202BC1-SN1");
    }

    @Test
    void dashesSpacesAndOtherCharactersArePercentEscaped() {
        assertThat(IdentityScheme.OUI_PRODUCTCLASS_SERIAL.idOf(id("00D09E", "Home Gateway-2", "A-1 B")).value())
                .isEqualTo("00D09E-Home%20Gateway%2D2-A%2D1%20B");
        assertThat(IdentityScheme.OUI_SERIAL.idOf(id("00D09E", "x", "50%/é")).value())
                .isEqualTo("00D09E-50%25%2F%C3%A9");
        // letters, digits, '_' and '.' stay as they are
        assertThat(IdentityScheme.SERIAL.idOf(id("00D09E", "", "Ab_9.z")).value()).isEqualTo("Ab_9.z");
    }

    @Test
    void theSeparatorIsNeverAmbiguous() {
        DeviceId a = IdentityScheme.OUI_PRODUCTCLASS_SERIAL.idOf(id("00D09E", "A-B", "C"));
        DeviceId b = IdentityScheme.OUI_PRODUCTCLASS_SERIAL.idOf(id("00D09E", "A", "B-C"));
        DeviceId c = IdentityScheme.OUI_PRODUCTCLASS_SERIAL.idOf(id("00D09E", "", "A-B-C"));
        assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
        assertThat(b).isNotEqualTo(c);
    }

    @Test
    void aLowerCaseOuiIsUpperCased() {
        assertThat(IdentityScheme.OUI_PRODUCTCLASS_SERIAL.idOf(id("00d09e", "Router", "sn1")).value())
                .isEqualTo("00D09E-Router-sn1");
        assertThat(IdentityScheme.OUI_SERIAL.idOf(id("a0b1c2", "Router", "sn1")).value()).isEqualTo("A0B1C2-sn1");
    }

    @Test
    void surroundingBlanksAreTrimmedBeforeEscaping() {
        assertThat(IdentityScheme.OUI_PRODUCTCLASS_SERIAL.idOf(id(" 00D09E ", " Router ", " SN1 ")).value())
                .isEqualTo("00D09E-Router-SN1");
    }

    @Test
    void ouiSerialAndSerialSchemes() {
        DeviceIdStruct s = id("00d09e", "Router", "SN 1");
        assertThat(IdentityScheme.OUI_SERIAL.idOf(s).value()).isEqualTo("00D09E-SN%201");
        assertThat(IdentityScheme.SERIAL.idOf(s).value()).isEqualTo("SN%201");
    }
}
