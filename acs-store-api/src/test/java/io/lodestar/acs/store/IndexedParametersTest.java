package io.lodestar.acs.store;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexedParametersTest {

    @Test
    void aCommaSeparatedListIsReadInOrderWithoutDuplicates() {
        IndexedParameters p = IndexedParameters.parse(" Device.B.X , Device.A.Y,,Device.B.X ");
        assertThat(p.paths()).containsExactly("Device.A.Y", "Device.B.X");
        assertThat(p.toString()).isEqualTo("Device.A.Y,Device.B.X");
        assertThat(IndexedParameters.parse(p.toString())).isEqualTo(p);
        assertThat(IndexedParameters.parse("  ")).isEqualTo(IndexedParameters.NONE);
        assertThat(IndexedParameters.parse(null).isEmpty()).isTrue();
    }

    @Test
    void onlyFullParameterPathsAreAccepted() {
        assertThatThrownBy(() -> IndexedParameters.of("Device.DeviceInfo.")).hasMessageContaining("full path");
        assertThatThrownBy(() -> IndexedParameters.of("SerialNumber")).hasMessageContaining("full path");
        assertThatThrownBy(() -> IndexedParameters.of("Device.WiFi.SSID.*.SSID")).hasMessageContaining("wildcards");
        assertThatThrownBy(() -> IndexedParameters.of("Device.WiFi.SSID.{i}.SSID")).hasMessageContaining("wildcards");
        assertThatThrownBy(() -> IndexedParameters.of("Device.Bad Name")).hasMessageContaining("full path");
        assertThatThrownBy(() -> IndexedParameters.of("Device." + "x".repeat(300))).hasMessageContaining("256");
        assertThatThrownBy(() -> IndexedParameters.of(IntStream.range(0, 33).mapToObj(i -> "Device.P" + i).toList()))
                .hasMessageContaining("at most 32");
    }

    @Test
    void aQueryMayNameOnlyIndexedParameters() {
        IndexedParameters p = IndexedParameters.of("Device.DeviceInfo.SerialNumber");
        p.requireIndexed(DeviceQuery.ALL.withTag("lab").withParameter("Device.DeviceInfo.SerialNumber", "x"));
        assertThatThrownBy(() -> p.requireIndexed(DeviceQuery.ALL.withParameter("Device.DeviceInfo.ModelName", "x")))
                .isInstanceOf(UnindexedParameterException.class)
                .hasMessage("parameter Device.DeviceInfo.ModelName is not indexed, so devices cannot be searched by it"
                        + " (indexed: Device.DeviceInfo.SerialNumber; see store.indexed-parameters)");
        assertThat(p.minus(IndexedParameters.NONE)).containsExactly("Device.DeviceInfo.SerialNumber");
    }
}
