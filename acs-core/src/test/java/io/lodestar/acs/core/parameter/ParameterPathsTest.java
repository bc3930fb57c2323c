package io.lodestar.acs.core.parameter;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ParameterPathsTest {

    @Test
    void objectsEndInADot() {
        assertThat(ParameterPaths.isObject("Device.WiFi.")).isTrue();
        assertThat(ParameterPaths.isObject("Device.WiFi.SSIDNumberOfEntries")).isFalse();
    }

    @Test
    void underAnObjectMeansItsSubtreeAndUnderALeafMeansItself() {
        assertThat(ParameterPaths.isUnder("Device.WiFi.SSID.1.SSID", "Device.WiFi.")).isTrue();
        assertThat(ParameterPaths.isUnder("Device.WiFi.", "Device.WiFi.")).isTrue();
        assertThat(ParameterPaths.isUnder("Device.WiFiX.A", "Device.WiFi.")).isFalse();
        assertThat(ParameterPaths.isUnder("Device.WiFi.SSID.10.SSID", "Device.WiFi.SSID.1.")).isFalse();
        assertThat(ParameterPaths.isUnder("Device.A", "Device.A")).isTrue();
        assertThat(ParameterPaths.isUnder("Device.AB", "Device.A")).isFalse();
        assertThat(ParameterPaths.isUnder("Anything.At.All", "")).isTrue();
    }

    @Test
    void theRootIsTheFirstName() {
        assertThat(ParameterPaths.root("Device.DeviceInfo.SoftwareVersion")).isEqualTo("Device.");
        assertThat(ParameterPaths.root("InternetGatewayDevice.")).isEqualTo("InternetGatewayDevice.");
        assertThat(ParameterPaths.root("NoDot")).isEmpty();
        assertThat(ParameterPaths.root(".Device")).isEmpty();
    }

    @Test
    void validity() {
        assertThat(ParameterPaths.isValid("Device.WiFi.SSID.1.X_ACME-Thing:2")).isTrue();
        assertThat(ParameterPaths.isValid("Device.")).isTrue();
        assertThat(ParameterPaths.isValid("")).isFalse();
        assertThat(ParameterPaths.isValid(".Device")).isFalse();
        assertThat(ParameterPaths.isValid("Device..A")).isFalse();
        assertThat(ParameterPaths.isValid("Device.Bad Name")).isFalse();
        assertThat(ParameterPaths.isValid("Device.a".repeat(200))).isFalse();
    }

    @Test
    void aNameOnlyReportKeepsTheValueAndItsTime() {
        Instant t1 = Instant.parse("2025-01-01T00:00:00Z");
        Instant t2 = t1.plusSeconds(60);
        Parameter withValue = new Parameter("Device.A", "1", "xsd:int", null, t1);
        assertThat(withValue.withWritable(true, t2)).isEqualTo(new Parameter("Device.A", "1", "xsd:int", true, t1));
        Parameter nameOnly = new Parameter("Device.B", null, null, false, t1);
        assertThat(nameOnly.withWritable(true, t2)).isEqualTo(new Parameter("Device.B", null, null, true, t2));
        assertThat(withValue.withValue("2", "xsd:int", t2)).isEqualTo(new Parameter("Device.A", "2", "xsd:int", null, t2));
        assertThat(new Parameter("Device.T.", null, null, true, t1).isObject()).isTrue();
    }
}
