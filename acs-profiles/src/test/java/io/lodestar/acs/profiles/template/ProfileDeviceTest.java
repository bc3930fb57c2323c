package io.lodestar.acs.profiles.template;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.profiles.device.MacAddress;
import io.lodestar.acs.profiles.device.ProfileDevice;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileDeviceTest {

    private static final Instant T = Instant.parse("2026-12-06T20:00:00Z");

    @Test
    void aStoredDeviceGivesItsSerialProductClassVersionsModelMacAndTags() {
        Device device = Device.builder(new DeviceId("00562B-CP8841-FCH1"), T)
                .deviceIdStruct(new DeviceIdStruct("Cisco", "00562B", "CP-8841-3PCC", "FCH1"))
                .inventory(new Inventory("Device.", "sip88xx.11-3-1MPP", "2"))
                .tags(Set.of("paris")).build();
        DeviceSnapshot snapshot = new DeviceSnapshot(device, io.lodestar.acs.core.device.ParameterTree.of(List.of(
                new Parameter("Device.DeviceInfo.ModelName", "CP-8841-3PCC", "xsd:string", false, T),
                new Parameter("Device.Ethernet.Interface.1.MACAddress", "00:56:2B:04:36:15", "xsd:string", false, T),
                new Parameter("Device.Ethernet.", null, null, false, T))));

        ProfileDevice p = ProfileDevice.fromSnapshot(snapshot);

        assertThat(p.id()).isEqualTo(new DeviceId("00562B-CP8841-FCH1"));
        assertThat(p.serialNumber()).isEqualTo("FCH1");
        assertThat(p.productClass()).isEqualTo("CP-8841-3PCC");
        assertThat(p.productName()).isEqualTo("CP-8841-3PCC");
        assertThat(p.series()).contains("8841-3PCC");
        assertThat(p.softwareVersion()).isEqualTo("sip88xx.11-3-1MPP");
        assertThat(p.mac()).isEqualTo(MacAddress.parse("00562b043615").orElseThrow());
        assertThat(p.tags()).containsExactly("paris");
        assertThat(p.parameters()).containsOnlyKeys("Device.DeviceInfo.ModelName", "Device.Ethernet.Interface.1.MACAddress");
    }

    @Test
    void macAddressesAreReadInTheirUsualFormsOnly() {
        assertThat(MacAddress.parse("00-56-2B-04-36-15")).map(MacAddress::lowerHex).contains("00562b043615");
        assertThat(MacAddress.parse("00562B043615")).map(MacAddress::colonSeparated).contains("00:56:2b:04:36:15");
        assertThat(MacAddress.parse("00:56-2b:04:36:15")).isEmpty();
        assertThat(MacAddress.parse("00562b04361")).isEmpty();
        assertThat(MacAddress.parse(null)).isEmpty();
    }
}
