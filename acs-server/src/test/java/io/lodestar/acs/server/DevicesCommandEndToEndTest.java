package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.sim.client.SimulatedCpe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lodestar devices} lists, searches and shows devices through the device service, in its usual format. */
class DevicesCommandEndToEndTest {

    @TempDir
    static Path data;

    private static DeviceId id;

    @BeforeAll
    static void meetAPhone() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("CLI000002");
            AcsHarness.ok(phone);
            id = AcsHarness.idOf(phone);
            acs.store().setTags(id, Set.of("lab"));
        }
    }

    private static LodestarCli devices(String... args) {
        List<String> all = new ArrayList<>(List.of("devices", "--data", data.toString()));
        all.addAll(List.of(args));
        return LodestarCli.run(all.toArray(String[]::new));
    }

    @Test
    void devicesAreListedAndSearched() {
        LodestarCli all = devices();
        LodestarCli bySerial = devices("--param", "Device.DeviceInfo.SerialNumber=CLI000002");
        LodestarCli byTag = devices("--tag", "lab");
        LodestarCli none = devices("--tag", "attic");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains(id.value() + "\tlast inform ").contains("1 device(s)");
        assertThat(bySerial.out()).contains(id.value()).contains("1 device(s)");
        assertThat(byTag.out()).contains(id.value()).contains("1 device(s)");
        assertThat(none.out()).contains("0 device(s)");
    }

    @Test
    void aDeviceIsShownWithItsParametersUnderAPrefix() {
        LodestarCli shown = devices(id.value(), "--prefix", "Device.ManagementServer.");

        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).startsWith("device " + id.value())
                .contains("  Device.ManagementServer.PeriodicInformInterval = 3600 (xsd:unsignedInt, writable)")
                .doesNotContain("Device.DeviceInfo.")
                .contains("tasks (0)").contains("operations (0)").contains("faults (0)");
    }

    @Test
    void anUnknownDeviceAnUnindexedParameterAndABadPrefixAreRefused() {
        LodestarCli unknown = devices("00D0F8-NOBODY-1");
        LodestarCli unindexed = devices("--param", "Device.DeviceInfo.ModelName=CP-8851");
        LodestarCli badPrefix = devices(id.value(), "--prefix", "Device. Management");
        LodestarCli badLimit = devices("--limit", "0");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no device 00D0F8-NOBODY-1 in " + data);
        assertThat(unindexed.exitCode()).isEqualTo(2);
        assertThat(unindexed.err()).contains("Device.DeviceInfo.ModelName is not indexed");
        assertThat(badPrefix.exitCode()).isEqualTo(2);
        assertThat(badPrefix.err()).contains("'Device. Management' is not a parameter path");
        assertThat(badLimit.exitCode()).isEqualTo(2);
        assertThat(badLimit.err()).contains("limit must be at least 1");
    }
}
