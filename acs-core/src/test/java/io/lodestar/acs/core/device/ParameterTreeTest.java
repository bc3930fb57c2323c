package io.lodestar.acs.core.device;

import io.lodestar.acs.core.parameter.Parameter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParameterTreeTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private static Parameter p(String path) {
        return new Parameter(path, path.endsWith(".") ? null : "v", null, null, T0);
    }

    private static final ParameterTree TREE = ParameterTree.of(List.of(p("Device.WiFi."), p("Device.WiFi.SSID.1.SSID"),
            p("Device.WiFi.SSID.10.SSID"), p("Device.WiFiX"), p("Device.WiFi/odd"), p("Device.IP.Interface.1.Name"),
            p("Device.A"), p("Device.WiFi.SSID.2.SSID")));

    private static List<String> paths(ParameterTree tree) {
        return tree.stream().map(Parameter::path).toList();
    }

    @Test
    void parametersComeInPathOrder() {
        assertThat(paths(TREE)).containsExactly("Device.A", "Device.IP.Interface.1.Name", "Device.WiFi.",
                "Device.WiFi.SSID.1.SSID", "Device.WiFi.SSID.10.SSID", "Device.WiFi.SSID.2.SSID", "Device.WiFi/odd",
                "Device.WiFiX");
        assertThat(TREE.asMap().keySet()).containsExactlyElementsOf(paths(TREE));
    }

    @Test
    void aSubtreeIsTheObjectAndEverythingUnderItButNotItsNamesakes() {
        assertThat(paths(TREE.subtree("Device.WiFi."))).containsExactly("Device.WiFi.", "Device.WiFi.SSID.1.SSID",
                "Device.WiFi.SSID.10.SSID", "Device.WiFi.SSID.2.SSID");
        assertThat(paths(TREE.subtree("Device.WiFi.SSID.1."))).containsExactly("Device.WiFi.SSID.1.SSID");
        assertThat(paths(TREE.subtree("Device.WiFiX"))).containsExactly("Device.WiFiX");
        assertThat(TREE.subtree("Device.Nothing.").isEmpty()).isTrue();
        assertThat(TREE.subtree("Device.Nothing")).isEqualTo(ParameterTree.empty());
        assertThat(TREE.subtree("")).isSameAs(TREE);
    }

    @Test
    void removingASubtreeKeepsEverythingElseAndLeavesTheOriginalAlone() {
        ParameterTree after = TREE.minusSubtree("Device.WiFi.");
        assertThat(paths(after)).containsExactly("Device.A", "Device.IP.Interface.1.Name", "Device.WiFi/odd",
                "Device.WiFiX");
        assertThat(TREE.size()).isEqualTo(8);
        assertThat(paths(TREE.minusSubtree("Device.WiFiX"))).doesNotContain("Device.WiFiX").hasSize(7);
        assertThat(TREE.minusSubtree("")).isEqualTo(ParameterTree.empty());
        assertThat(TREE.minusSubtree("Device.Nothing.")).isSameAs(TREE);
    }

    @Test
    void plusReplacesByPathAndMinusRemovesOnePath() {
        Parameter changed = new Parameter("Device.A", "new", "xsd:string", true, T0.plusSeconds(1));
        ParameterTree after = TREE.plus(changed).minus("Device.WiFiX");
        assertThat(after.get("Device.A")).isEqualTo(changed);
        assertThat(after.contains("Device.WiFiX")).isFalse();
        assertThat(after.size()).isEqualTo(7);
        assertThat(TREE.get("Device.A")).isEqualTo(p("Device.A"));
    }

    @Test
    void aMapWhoseKeysAreNotTheParametersPathsIsRefused() {
        assertThatThrownBy(() -> ParameterTree.of(Map.of("Device.B", p("Device.A"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Device.A");
    }

    @Test
    void treesWithTheSameParametersAreEqualToEachOtherAndTheirMaps() {
        ParameterTree fromMap = ParameterTree.of(TREE.asMap().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(fromMap).isEqualTo(TREE).hasSameHashCodeAs(TREE);
        assertThat(TREE.asMap()).isEqualTo(Map.copyOf(TREE.asMap()));
    }
}
