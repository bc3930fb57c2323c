package io.lodestar.acs.service.periodic;

import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;
import io.lodestar.acs.service.NewValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodicInformPolicyTest {

    /** Ids as a fleet of one model has them: same OUI and product class, consecutive serial numbers. */
    private static String id(int n) {
        return String.format("0CD0F8-CP-8851-3PCC-LOAD%07d", n);
    }

    @Test
    void theOffsetsOfAFleetWithConsecutiveSerialNumbersAreUniformOverTheInterval() {
        int devices = 100_000;
        int buckets = 60; // one per minute of an hour
        long interval = 3600;
        int[] counts = new int[buckets];
        for (int n = 0; n < devices; n++) {
            long offset = PeriodicInformPolicy.offsetSeconds(id(n), interval);
            assertThat(offset).isBetween(0L, interval - 1);
            counts[(int) (offset / (interval / buckets))]++;
        }
        double expected = (double) devices / buckets;
        double chiSquare = 0;
        for (int c : counts) {
            chiSquare += (c - expected) * (c - expected) / expected;
        }
        // 59 degrees of freedom: 95.0 is the 0.2 % tail; the fleet is fixed, so this is deterministic
        assertThat(chiSquare).isLessThan(95.0);
        // no minute gets more than 10 % above its share: the peak a spread fleet puts on the ACS
        assertThat(java.util.Arrays.stream(counts).max().orElseThrow()).isLessThan((int) (expected * 1.1));
    }

    @Test
    void everySecondOfAShortIntervalIsUsedAboutEqually() {
        long interval = 10;
        int[] counts = new int[(int) interval];
        for (int n = 0; n < 10_000; n++) {
            counts[(int) PeriodicInformPolicy.offsetSeconds(id(n), interval)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(900, 1100);
        }
    }

    @Test
    void aDevicesOffsetIsStableAcrossCallsPoliciesAndReleases() {
        String device = "0CD0F8-CP-8851-3PCC-SIM000001";
        long first = PeriodicInformPolicy.offsetSeconds(device, 86_400);
        assertThat(PeriodicInformPolicy.offsetSeconds(new String(device.toCharArray()), 86_400)).isEqualTo(first);
        // pinned: every ACS node and every later version must give a device the same offset (changing the hash
        // would move every device of a fleet at its next bootstrap)
        assertThat(PeriodicInformPolicy.hash("")).isEqualTo(-780_787_492_076_525_413L);
        assertThat(PeriodicInformPolicy.informTime(device, 86_400))
                .isEqualTo(PeriodicInformPolicy.ANCHOR.plusSeconds(first));
    }

    @Test
    void differentIdsGetDifferentOffsets() {
        assertThat(PeriodicInformPolicy.offsetSeconds(id(1), 3600))
                .isNotEqualTo(PeriodicInformPolicy.offsetSeconds(id(2), 3600));
    }

    @Test
    void aPolicyWithAnIntervalSetsEnableIntervalAndTimeUnderTheDevicesRoot() {
        PeriodicInformPolicy policy = new PeriodicInformPolicy(Duration.ofHours(1));
        String device = id(7);
        Instant time = PeriodicInformPolicy.informTime(device, 3600);
        assertThat(policy.values("InternetGatewayDevice.", device, "86400")).containsExactly(
                NewValue.of("InternetGatewayDevice.ManagementServer.PeriodicInformEnable", "true"),
                NewValue.of("InternetGatewayDevice.ManagementServer.PeriodicInformInterval", "3600"),
                NewValue.of("InternetGatewayDevice.ManagementServer.PeriodicInformTime", time.toString()));
        assertThat(time.toString()).startsWith("2000-01-01T0").endsWith("Z");
    }

    @Test
    void aPolicyWithoutAnIntervalSetsOnlyTheTimeFromTheDevicesOwnInterval() {
        PeriodicInformPolicy policy = new PeriodicInformPolicy(Duration.ZERO);
        String device = id(7);
        assertThat(policy.values("Device.", device, "300")).containsExactly(NewValue.of(
                "Device.ManagementServer.PeriodicInformTime",
                PeriodicInformPolicy.informTime(device, 300).toString()));
    }

    @Test
    void aDeviceWithoutAUsableIntervalGetsNothingWhenThePolicyKeepsTheDevicesInterval() {
        PeriodicInformPolicy policy = new PeriodicInformPolicy(Duration.ZERO);
        assertThat(policy.values("Device.", id(1), null)).isEmpty();
        assertThat(policy.values("Device.", id(1), "0")).isEmpty();
        assertThat(policy.values("Device.", id(1), "soon")).isEmpty();
    }

    @Test
    void anUnknownDataModelRootIsRefused() {
        assertThatThrownBy(() -> new PeriodicInformPolicy(Duration.ZERO).values("Foo.", id(1), "60"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSettingsDefaultToOffAndRefuseBadValuesNamingTheirKey() {
        assertThat(PeriodicSettings.from(SettingsReader.defaults(PeriodicSettings.SETTINGS)))
                .isEqualTo(PeriodicSettings.OFF);
        PeriodicSettings on = PeriodicSettings.from(SettingsReader.of(PeriodicSettings.SETTINGS,
                Map.of("periodic.spread", "on", "periodic.interval", "1h")));
        assertThat(on.spread()).isTrue();
        assertThat(on.interval()).isEqualTo(Duration.ofHours(1));
        for (Map<String, String> bad : List.of(Map.of("periodic.spread", "sometimes"),
                Map.of("periodic.interval", "1500ms"))) {
            assertThatThrownBy(() -> PeriodicSettings.from(SettingsReader.of(PeriodicSettings.SETTINGS, bad)))
                    .isInstanceOf(SettingsException.class)
                    .satisfies(e -> assertThat(((SettingsException) e).key()).isEqualTo(bad.keySet().iterator().next()));
        }
    }
}
