package io.lodestar.acs.core.session;

import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterValues;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataModelWalkTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private static List<CwmpMessage.AcsRequest> walkAll(DataModelWalk walk, FakeCpe cpe) {
        List<CwmpMessage.AcsRequest> asked = new ArrayList<>();
        for (CwmpMessage.AcsRequest r = walk.next(); r != null; r = walk.next()) {
            asked.add(r);
            walk.onAnswer(cpe.answer(r), NOW);
        }
        return asked;
    }

    @Test
    void aSubtreeWalkStaysInItsSubtree() {
        FakeCpe cpe = FakeCpe.standard();
        DataModelWalk walk = new DataModelWalk("Device.WiFi.SSID.1.", DiscoveryMode.LEVEL_BY_LEVEL, 10, 100);

        assertThat(walk.path()).isEqualTo("Device.WiFi.SSID.1.");
        assertThat(walkAll(walk, cpe)).containsExactly(new GetParameterNames("Device.WiFi.SSID.1.", true),
                new GetParameterValues(List.of("Device.WiFi.SSID.1.Enable", "Device.WiFi.SSID.1.SSID")));
        assertThat(walk.found().keySet()).containsExactly("Device.WiFi.SSID.1.Enable", "Device.WiFi.SSID.1.SSID");
        assertThat(walk.found().get("Device.WiFi.SSID.1.SSID").value()).isEqualTo("home");
        assertThat(walk.truncated()).isFalse();
        assertThat(walk.next()).isNull();
    }

    @Test
    void oneRequestAtATime() {
        DataModelWalk walk = new DataModelWalk("Device.", DiscoveryMode.LEVEL_BY_LEVEL, 10, 100);
        walk.next();

        assertThatThrownBy(walk::next).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void faultsAreReturnedForTheCallerToRecord() {
        FakeCpe cpe = FakeCpe.standard();
        cpe.gpnFaults.add("Device.");
        DataModelWalk walk = new DataModelWalk("Device.", DiscoveryMode.LEVEL_BY_LEVEL, 10, 100);

        assertThat(walk.onAnswer(cpe.answer(walk.next()), NOW).faultCode()).isEqualTo(9005);
        assertThat(walk.next()).isNull();
        assertThat(walk.found()).isEmpty();
    }

    @Test
    void truncationStopsListingButReadsWhatWasKept() {
        FakeCpe cpe = CwmpSessionDiscoveryTest.big();
        DataModelWalk walk = new DataModelWalk("Device.", DiscoveryMode.FULL_TREE, 7, 20);

        List<CwmpMessage.AcsRequest> asked = walkAll(walk, cpe);
        assertThat(walk.truncated()).isTrue();
        assertThat(walk.found()).hasSize(20);
        long leaves = walk.found().keySet().stream().filter(k -> !k.endsWith(".")).count();
        assertThat(asked.stream().filter(r -> r instanceof GetParameterValues)
                .mapToInt(r -> ((GetParameterValues) r).parameterNames().size()).sum()).isEqualTo((int) leaves);
        assertThat(walk.found().values()).filteredOn(p -> !p.isObject()).allSatisfy(p -> assertThat(p.value()).isNotNull());
    }
}
