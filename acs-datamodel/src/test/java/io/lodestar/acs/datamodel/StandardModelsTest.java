package io.lodestar.acs.datamodel;

import org.junit.jupiter.api.Test;

import static io.lodestar.acs.datamodel.StandardModels.Root.DEVICE_1;
import static io.lodestar.acs.datamodel.StandardModels.Root.DEVICE_2;
import static org.assertj.core.api.Assertions.assertThat;

class StandardModelsTest {

    private final StandardModels models = StandardModels.shipped();

    @Test
    void everyShippedModelIsIndexedAndEveryDataTypeItNamesResolves() {
        assertThat(models.models()).extracting(DataModel::name).containsExactlyInAnyOrder(StandardModels.DEVICE_2,
                StandardModels.DEVICE_1, StandardModels.IGD, StandardModels.VOICE_1, StandardModels.VOICE_2);
        for (DataModel m : models.models()) {
            assertThat(m.unresolvedTypes()).as(m.name()).isZero();
        }
        assertThat(models.model(StandardModels.DEVICE_2).orElseThrow().parameters()).hasSizeGreaterThan(6000);
        assertThat(models.model(StandardModels.IGD).orElseThrow().parameters()).hasSizeGreaterThan(1700);
    }

    @Test
    void aStandardParameterHasItsTypeRangeAndAccess() {
        ParameterSpec interval = models.parameter("Device.ManagementServer.PeriodicInformInterval", DEVICE_2)
                .orElseThrow();
        assertThat(interval.type()).isEqualTo(BaseType.UNSIGNED_INT);
        assertThat(interval.xsdType()).isEqualTo("xsd:unsignedInt");
        assertThat(interval.writable()).isTrue();
        assertThat(interval.problem("300")).isEmpty();
        assertThat(interval.problem("0")).hasValueSatisfying(p -> assertThat(p).contains("out of range")
                .contains("at least 1"));
        assertThat(interval.problem("ten")).hasValueSatisfying(p -> assertThat(p).contains("xsd:unsignedInt"));
    }

    @Test
    void instanceNumbersAndAliasesAreReadAsTheModelsInstancePlaceholder() {
        assertThat(DataModel.pattern("Device.IP.Interface.12.IPv4Address.3.IPAddress"))
                .isEqualTo("Device.IP.Interface.{i}.IPv4Address.{i}.IPAddress");
        assertThat(DataModel.pattern("Device.IP.Interface.[wan].Enable")).isEqualTo("Device.IP.Interface.{i}.Enable");
        assertThat(DataModel.pattern("Device.DeviceInfo.")).isEqualTo("Device.DeviceInfo.");
        assertThat(models.parameter("Device.IP.Interface.7.Status", DEVICE_2).orElseThrow().writable()).isFalse();
        assertThat(models.object("Device.IP.Interface.7.", DEVICE_2).orElseThrow().writable()).isTrue();
    }

    @Test
    void aNamedDataTypeBringsItsPatternAndSize() {
        ParameterSpec address = models.parameter("Device.IP.Interface.1.IPv4Address.1.IPAddress", DEVICE_2)
                .orElseThrow();
        assertThat(address.dataType()).isEqualTo("IPv4Address");
        assertThat(address.problem("192.168.1.20")).isEmpty();
        assertThat(address.problem("")).isEmpty();
        assertThat(address.problem("300.1.1.1")).isPresent();
    }

    @Test
    void anEnumerationRefusesOtherValuesAndTheValuesOnlyTheDeviceSetsButAcceptsVendorOnes() {
        ParameterSpec beacon = models.parameter("InternetGatewayDevice.LANDevice.1.WLANConfiguration.2.BeaconType",
                DEVICE_2).orElseThrow();
        assertThat(beacon.model()).isEqualTo(StandardModels.IGD);
        assertThat(beacon.problem("WPA")).isEmpty();
        assertThat(beacon.problem("WPA9")).hasValueSatisfying(p -> assertThat(p).contains("not one of"));
        assertThat(beacon.problem("X_ACME_Special")).isEmpty();
        ParameterSpec state = models.parameter("Device.IP.Diagnostics.IPPing.DiagnosticsState", DEVICE_2)
                .orElseThrow();
        assertThat(state.problem("Requested")).isEmpty();
        assertThat(state.problem("Complete")).hasValueSatisfying(p -> assertThat(p).contains("only the device sets"));
    }

    @Test
    void aDeviceOneRootIsReadAgainstTr181IssueOneAndVoicePathsAgainstTr104() {
        assertThat(models.parameter("Device.LAN.IPAddress", DEVICE_1)).isPresent();
        assertThat(models.parameter("Device.LAN.IPAddress", DEVICE_2)).isEmpty();
        ParameterSpec lineEnable = models.parameter("Device.Services.VoiceService.1.VoiceProfile.1.Line.2.Enable",
                DEVICE_1).orElseThrow();
        assertThat(lineEnable.model()).isEqualTo(StandardModels.VOICE_1);
        assertThat(lineEnable.problem("Enabled")).isEmpty();
        assertThat(lineEnable.problem("On")).isPresent();
        assertThat(models.parameter("InternetGatewayDevice.Services.VoiceService.1.VoiceProfile.1.Line.1.Enable",
                DEVICE_2)).isPresent();
    }

    @Test
    void aVendorOrUnknownPathIsNotStandard() {
        assertThat(models.parameter("Device.X_CISCO_COM.Foo", DEVICE_2)).isEmpty();
        assertThat(models.parameter("Device.DeviceInfo.X_ACME_Serial", DEVICE_2)).isEmpty();
        assertThat(models.parameter("Vendor.Thing", DEVICE_2)).isEmpty();
    }

    @Test
    void aListChecksEachItem() {
        ParameterSpec list = models.model(StandardModels.DEVICE_2).orElseThrow().parameters().values().stream()
                .filter(p -> p.list() && !p.enumerations().isEmpty() && p.writable()).findFirst().orElseThrow();
        String good = list.enumerations().stream().filter(v -> !list.readOnlyValues().contains(v)).findFirst()
                .orElseThrow();
        assertThat(list.problem(good)).isEmpty();
        assertThat(list.problem(good + ",NoSuchValue")).hasValueSatisfying(p -> assertThat(p).contains("NoSuchValue"));
    }
}
