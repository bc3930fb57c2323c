package io.lodestar.acs.sim.model;

import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.sim.Conformance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataModelTest {

    private static DataModel gateway;

    @BeforeAll
    static void load() throws IOException {
        gateway = DataModel.fromCsv(Conformance.gatewayCsv());
    }

    @Test
    void csvHasEveryInternetGatewayDeviceRow() {
        assertThat(gateway.size()).isEqualTo(1002);
        assertThat(gateway.root()).isEqualTo("InternetGatewayDevice.");
        assertThat(gateway.nodes()).allMatch(n -> n.path().startsWith("InternetGatewayDevice."));
        long objects = gateway.nodes().stream().filter(Node::isObject).count();
        assertThat(objects).isEqualTo(210);
        assertThat(gateway.parameterCount()).isEqualTo(1002 - 210);
        assertThat(gateway.nodes().stream().filter(Node::writable).count()).isEqualTo(529);
    }

    @Test
    void deviceIdComesFromTheDeviceIdRows() {
        assertThat(gateway.deviceId()).isEqualTo(
                new DeviceIdStruct("Huawei Technologies Co., Ltd.", "202BC1", "BM632w", "8KA8WA1151100043"));
        // the dumped DeviceInfo.SerialNumber is "0": the DeviceID row wins
        assertThat(gateway.value("InternetGatewayDevice.DeviceInfo.SerialNumber")).contains("0");
        assertThat(gateway.defaultCwmpVersion()).isEqualTo(CwmpVersion.V1_0);
    }

    @Test
    void objectsAreNormalisedToEndInADot() {
        assertThat(gateway.node("InternetGatewayDevice.")).hasValueSatisfying(n -> {
            assertThat(n.isObject()).isTrue();
            assertThat(n.type()).isEmpty();
        });
        assertThat(gateway.contains("InternetGatewayDevice")).isFalse();
        assertThat(gateway.node("InternetGatewayDevice.LANDevice.1.LANHostConfigManagement.DHCPConditionalServingPool."))
                .hasValueSatisfying(n -> assertThat(n.writable()).isTrue());
    }

    @Test
    void typesAndQuotedValuesAreKept() {
        // README counts 369 strings including the 4 DeviceID rows
        Map<String, Integer> types = new HashMap<>();
        for (Node n : gateway.nodes()) {
            if (!n.isObject()) {
                types.merge(n.type(), 1, Integer::sum);
            }
        }
        assertThat(types).containsEntry("xsd:string", 369 - 4).containsEntry("xsd:unsignedInt", 294)
                .containsEntry("xsd:boolean", 83).containsEntry("xsd:int", 49).containsEntry("xsd:dateTime", 1);
        assertThat(gateway.value("InternetGatewayDevice.DeviceInfo.Manufacturer")).contains("Huawei Technologies Co., Ltd.");
        assertThat(gateway.value("InternetGatewayDevice.DeviceSummary")).hasValueSatisfying(
                v -> assertThat(v).startsWith("InternetGatewayDevice:1.1[](Baseline:1, ").endsWith("IPPing:1"));
        assertThat(gateway.node("InternetGatewayDevice.ManagementServer.PeriodicInformInterval")).hasValueSatisfying(n -> {
            assertThat(n.value()).isEqualTo("300");
            assertThat(n.type()).isEqualTo("xsd:unsignedInt");
            assertThat(n.writable()).isTrue();
        });
        assertThat(gateway.contains("InternetGatewayDevice.DeviceInfo.X_HUAWEI_PortalManagement.PortalUrl-Computer")).isTrue();
    }

    @Test
    void gatewayInformParametersFollowTheForcedInformList() {
        assertThat(gateway.informParameterNames()).containsExactly(
                "InternetGatewayDevice.DeviceSummary",
                "InternetGatewayDevice.DeviceInfo.SpecVersion",
                "InternetGatewayDevice.DeviceInfo.HardwareVersion",
                "InternetGatewayDevice.DeviceInfo.SoftwareVersion",
                "InternetGatewayDevice.DeviceInfo.ProvisioningCode",
                "InternetGatewayDevice.ManagementServer.ConnectionRequestURL",
                "InternetGatewayDevice.ManagementServer.ParameterKey",
                "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress");
    }

    @Test
    void pathsAreInCpeOrder() {
        List<String> hosts = new ArrayList<>();
        for (Node n : gateway.children("InternetGatewayDevice.LANDevice.1.Hosts.Host.")) {
            hosts.add(n.path());
        }
        assertThat(hosts).startsWith("InternetGatewayDevice.LANDevice.1.Hosts.Host.1.", "InternetGatewayDevice.LANDevice.1.Hosts.Host.2.");
        assertThat(Paths.ORDER.compare("A.Line.2.", "A.Line.10.")).isNegative();
        assertThat(Paths.ORDER.compare("A.B.", "A.B.C")).isNegative();
        assertThat(Paths.ORDER.compare("A.B.Z", "A.BA.")).isNegative();
        assertThat(Paths.ORDER.compare("A.B.", "A.B.")).isZero();
    }

    @Test
    void ipPhoneIsATr181PhoneWithVoiceLines() {
        DataModel phone = DataModel.ipPhone("FCH2231A1B2");
        assertThat(phone.root()).isEqualTo("Device.");
        assertThat(phone.deviceId()).isEqualTo(new DeviceIdStruct("Cisco Systems, Inc.", "0CD0F8", "CP-8851-3PCC", "FCH2231A1B2"));
        assertThat(phone.defaultCwmpVersion()).isEqualTo(CwmpVersion.V1_4);
        assertThat(phone.parameterCount()).isBetween(100, 200);
        assertThat(phone.value("Device.DeviceInfo.SerialNumber")).contains("FCH2231A1B2");
        assertThat(phone.value("Device.DeviceInfo.Manufacturer")).contains("Cisco Systems, Inc.");
        assertThat(phone.instances("Device.Services.VoiceService.1.VoiceProfile.1.Line.")).containsExactly(1L, 2L);
        assertThat(phone.node("Device.Services.VoiceService.1.VoiceProfile.1.Line.1.SIP.AuthUserName"))
                .hasValueSatisfying(n -> assertThat(n.writable()).isTrue());
        assertThat(phone.isTable("Device.Services.VoiceService.1.VoiceProfile.1.Line.")).isTrue();
        assertThat(phone.readsBackEmpty("Device.ManagementServer.Password")).isTrue();
        assertThat(phone.readsBackEmpty("Device.ManagementServer.Username")).isFalse();
        assertThat(phone.nodes()).extracting(Node::type).filteredOn(t -> !t.isEmpty())
                .contains("xsd:string", "xsd:unsignedInt", "xsd:boolean", "xsd:dateTime", "xsd:int");
        assertThat(phone.informParameterNames()).containsExactly(
                "Device.RootDataModelVersion",
                "Device.DeviceInfo.HardwareVersion",
                "Device.DeviceInfo.SoftwareVersion",
                "Device.DeviceInfo.ProvisioningCode",
                "Device.ManagementServer.ConnectionRequestURL",
                "Device.ManagementServer.ParameterKey",
                "Device.ManagementServer.AliasBasedAddressing",
                "Device.IP.Interface.1.IPv4Address.1.IPAddress");
        // every parameter's value is valid for its type
        for (Node n : phone.nodes()) {
            if (!n.isObject()) {
                assertThat(io.lodestar.acs.sim.rpc.Values.isValid(n.type(), n.value())).as(n.path()).isTrue();
            }
        }
    }

    @Test
    void phonesWithDifferentSerialsDiffer() {
        DataModel a = DataModel.ipPhone("SIM0001");
        DataModel b = DataModel.ipPhone("SIM0002");
        assertThat(a.value("Device.IP.Interface.1.IPv4Address.1.IPAddress"))
                .isNotEqualTo(b.value("Device.IP.Interface.1.IPv4Address.1.IPAddress"));
        assertThat(a.value("Device.Services.VoiceService.1.VoiceProfile.1.Line.1.DirectoryNumber"))
                .isNotEqualTo(b.value("Device.Services.VoiceService.1.VoiceProfile.1.Line.1.DirectoryNumber"));
    }

    @Test
    void addInstanceClonesWithDefaultsAndDeleteRemovesTheSubtree() {
        DataModel phone = DataModel.ipPhone("X1");
        String lines = "Device.Services.VoiceService.1.VoiceProfile.1.Line.";
        long n = phone.addInstance(lines);
        assertThat(n).isEqualTo(3);
        assertThat(phone.value(lines + "3.DirectoryNumber")).contains("");
        assertThat(phone.value(lines + "3.CallingFeatures.CallWaitingEnable")).contains("false");
        assertThat(phone.value(lines + "3.RingVolumeStatus")).contains("0");
        assertThat(phone.contains(lines + "3.Codec.List.")).isTrue();
        assertThat(phone.instances(lines + "3.Codec.List.")).isEmpty();
        assertThat(phone.value("Device.Services.VoiceService.1.VoiceProfile.1.NumberOfLines")).contains("3");

        phone.deleteInstance(lines + "1.");
        assertThat(phone.subtree(lines + "1.")).isEmpty();
        assertThat(phone.value("Device.Services.VoiceService.1.VoiceProfile.1.NumberOfLines")).contains("2");
        phone.deleteInstance(lines + "2.");
        phone.deleteInstance(lines + "3.");
        // no instance left: the factory content provides the template
        assertThat(phone.addInstance(lines)).isEqualTo(1);
        assertThat(phone.contains(lines + "1.SIP.URI")).isTrue();
        assertThatThrownBy(() -> phone.addInstance("Device.DeviceInfo.")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resetRestoresTheFactoryTree() {
        DataModel phone = DataModel.ipPhone("X2");
        List<Node> before = phone.nodes();
        phone.set("Device.ManagementServer.PeriodicInformInterval", "60");
        phone.addInstance("Device.DNS.Client.Server.");
        phone.setAttributes("Device.DeviceInfo.UpTime", new Attributes(1, List.of()));
        phone.reset();
        assertThat(phone.nodes()).isEqualTo(before);
        assertThat(phone.attributes("Device.DeviceInfo.UpTime")).isEqualTo(Attributes.DEFAULT);
    }

    @Test
    void copiesAreIndependent() {
        DataModel one = gateway.withSerialNumber("SIM-1");
        DataModel two = gateway.withSerialNumber("SIM-2");
        assertThat(one.deviceId().serialNumber()).isEqualTo("SIM-1");
        assertThat(two.value("InternetGatewayDevice.DeviceInfo.SerialNumber")).contains("SIM-2");
        one.set("InternetGatewayDevice.ManagementServer.PeriodicInformInterval", "10");
        assertThat(two.value("InternetGatewayDevice.ManagementServer.PeriodicInformInterval")).contains("300");
        assertThat(gateway.value("InternetGatewayDevice.ManagementServer.PeriodicInformInterval")).contains("300");
        one.reset();
        assertThat(one.value("InternetGatewayDevice.DeviceInfo.SerialNumber")).contains("SIM-1");
    }

    @Test
    void localChangesWithNotificationAreRemembered() {
        DataModel phone = DataModel.ipPhone("X3");
        phone.changeLocally("Device.Time.NTPServer1", "ntp.example.org");
        assertThat(phone.pendingValueChanges()).isEmpty();
        phone.setAttributes("Device.Time.NTPServer1", new Attributes(1, List.of()));
        phone.changeLocally("Device.Time.NTPServer1", "ntp2.example.org");
        phone.changeLocally("Device.DeviceInfo.SoftwareVersion", "sip88xx.12-0-2MPP-1"); // forced active
        assertThat(phone.pendingValueChanges())
                .containsExactly("Device.Time.NTPServer1", "Device.DeviceInfo.SoftwareVersion");
        phone.clearValueChanges(List.of("Device.Time.NTPServer1"));
        assertThat(phone.pendingValueChanges()).containsExactly("Device.DeviceInfo.SoftwareVersion");
    }

    @Test
    void csvQuirks(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("m.csv");
        Files.writeString(csv, "Parameter,Object,Writable,Value,Value type\r\n"
                + "DeviceID.Manufacturer,false,false,\"Acme, \"\"Inc\"\"\",xsd:string\r\n"
                + "DeviceID.OUI,false,false,001122,xsd:string\r\n"
                + "DeviceID.SerialNumber,false,false,S1,xsd:string\r\n"
                + "Device.DeviceInfo.ProductClass,false,false,Box,\r\n"
                + "Device.X.,true,true,,\r\n"
                + "Device.X.1.Name,false,true,\"multi\nline\",xsd:string\r\n");
        DataModel m = DataModel.fromCsv(csv);
        assertThat(m.deviceId()).isEqualTo(new DeviceIdStruct("Acme, \"Inc\"", "001122", "Box", "S1"));
        assertThat(m.contains("Device.")).isTrue();
        assertThat(m.contains("Device.DeviceInfo.")).isTrue();
        assertThat(m.contains("Device.X.1.")).isTrue();
        assertThat(m.value("Device.X.1.Name")).contains("multi\nline");
        assertThat(m.node("Device.DeviceInfo.ProductClass")).hasValueSatisfying(n -> assertThat(n.type()).isEqualTo("xsd:string"));
    }
}
