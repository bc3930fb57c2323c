package io.lodestar.acs.service;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Values checked against the Broadband Forum's standard models where their path is standard. */
class StandardModelRulesTest extends ServiceFixture {

    private Task set(DeviceId device, NewValue... values) {
        return tasks.queueSetValues(device, List.of(values), "", QueueOptions.DEFAULT);
    }

    private static List<ParameterValueStruct> values(Task task) {
        return ((TaskAction.SetParameterValues) task.action()).values();
    }

    @Test
    void aValueOutOfTheStandardRangeIsRefusedNamingThePathTheModelAndTheRange() {
        // the device typed it xsd:unsignedInt, of which 0 is one; TR-181 says at least 1
        assertRefused(ErrorCode.BAD_VALUE, () -> set(KNOWN, NewValue.of(INTERVAL, "0")))
                .hasMessageContaining(INTERVAL).hasMessageContaining("Device:2.17").hasMessageContaining("at least 1");
        assertThat(values(set(KNOWN, NewValue.of(INTERVAL, "1")))).extracting(ParameterValueStruct::value)
                .containsExactly("1");
    }

    @Test
    void aStandardParameterTheStoreDoesNotKnowYetTakesTheModelsType() {
        Task task = set(FRESH, NewValue.of("Device.WiFi.Radio.1.Channel", "6"),
                NewValue.of("Device.WiFi.SSID.2.Enable", "true"));

        assertThat(values(task)).containsExactly(new ParameterValueStruct("Device.WiFi.Radio.1.Channel", "6",
                "xsd:unsignedInt"), new ParameterValueStruct("Device.WiFi.SSID.2.Enable", "true", "xsd:boolean"));
    }

    @Test
    void aValueOutsideTheStandardEnumerationIsRefusedButAVendorValueIsNot() {
        String preamble = "Device.WiFi.Radio.1.PreambleType";
        assertRefused(ErrorCode.BAD_VALUE, () -> set(FRESH, NewValue.of(preamble, "medium")))
                .hasMessageContaining(preamble).hasMessageContaining("not one of").hasMessageContaining("short");
        set(FRESH, NewValue.of(preamble, "long"));
        set(FRESH, NewValue.of(preamble, "X_ACME_tiny"));
        // an enumeration the model takes from another parameter at run time (enumerationRef) is the device's to check
        set(FRESH, NewValue.of("Device.WiFi.Radio.1.OperatingFrequencyBand", "7GHz"));
    }

    @Test
    void aTypeGivenOtherThanTheStandardOneIsRefusedWhenTheDeviceReportedNone() {
        assertRefused(ErrorCode.TYPE_MISMATCH, () -> set(FRESH,
                new NewValue("Device.WiFi.Radio.1.Channel", "6", "xsd:string")))
                .hasMessageContaining("xsd:unsignedInt").hasMessageContaining("Device:2.17");
    }

    @Test
    void aParameterTheStandardMakesReadOnlyIsRefusedUnlessTheDeviceSaidItIsWritable() {
        assertRefused(ErrorCode.NOT_WRITABLE, () -> set(FRESH, NewValue.of("Device.DeviceInfo.UpTime", "5")))
                .hasMessageContaining("Device.DeviceInfo.UpTime").hasMessageContaining("standard model");
        // the device's own word wins over the standard's
        store.commit(new SessionChanges.Builder(store.findDevice(FRESH).orElseThrow())
                .upsert(new Parameter("Device.DeviceInfo.UpTime", "1", "xsd:unsignedInt", true, T0)).build());
        set(FRESH, NewValue.of("Device.DeviceInfo.UpTime", "5"));
    }

    @Test
    void aDeviceOneRootIsCheckedAgainstTr181IssueOne() {
        DeviceId phone = new DeviceId("00D09E-PHONE-1");
        store.commit(new SessionChanges.Builder(Device.register(phone, T0))
                .upsert(new Parameter("Device.DeviceSummary", "Device:1.4[](Baseline:1)", "xsd:string", false, T0))
                .build());

        assertThat(values(set(phone, NewValue.of("Device.LAN.SubnetMask", "255.255.255.0"))))
                .extracting(ParameterValueStruct::type).containsExactly("xsd:string");
        assertRefused(ErrorCode.BAD_VALUE, () -> set(phone, NewValue.of(
                "Device.Services.VoiceService.1.VoiceProfile.1.Line.1.Enable", "On")))
                .hasMessageContaining("VoiceService:1.1");
    }

    @Test
    void anAddObjectsValuesAreTypedAndCheckedAsTheNewInstancesParameters() {
        Task task = tasks.queueAddObject(KNOWN, PORT_MAPPINGS, List.of(NewValue.of("Enable", "true"),
                NewValue.of("ExternalPort", "8080"), new NewValue("X_ACME_Note", "hi", "xsd:string")), "pk",
                QueueOptions.DEFAULT);

        assertThat(task.action()).isEqualTo(new TaskAction.AddObject(PORT_MAPPINGS, "pk", List.of(
                new ParameterValueStruct("Enable", "true", "xsd:boolean"),
                new ParameterValueStruct("ExternalPort", "8080", "xsd:unsignedInt"),
                new ParameterValueStruct("X_ACME_Note", "hi", "xsd:string"))));
        assertRefused(ErrorCode.BAD_VALUE, () -> tasks.queueAddObject(KNOWN, PORT_MAPPINGS,
                List.of(NewValue.of("ExternalPort", "70000")), "", QueueOptions.DEFAULT))
                .hasMessageContaining("Device.NAT.PortMapping.1.ExternalPort").hasMessageContaining("65535");
        assertRefused(ErrorCode.BAD_TYPE, () -> tasks.queueAddObject(KNOWN, PORT_MAPPINGS,
                List.of(NewValue.of("X_ACME_Note", "hi")), "", QueueOptions.DEFAULT));
        assertRefused(ErrorCode.BAD_PATH, () -> tasks.queueAddObject(KNOWN, PORT_MAPPINGS,
                List.of(NewValue.of(".Enable", "true")), "", QueueOptions.DEFAULT));
        assertRefused(ErrorCode.PATH_NOT_FOUND, () -> tasks.queueAddObject(KNOWN, "Device.NoSuch.",
                List.of(NewValue.of("Enable", "true")), "", QueueOptions.DEFAULT));
    }

    @Test
    void anAddObjectsValueTakesTheTypeAndWritabilityTheDeviceReportedForTheSameParameterOfAnotherInstance() {
        store.commit(new SessionChanges.Builder(store.findDevice(KNOWN).orElseThrow())
                .upsert(new Parameter(HOSTS + "1.X_ACME_Weight", "3", "xsd:int", true, T0)).build());

        Task task = tasks.queueAddObject(KNOWN, HOSTS, List.of(NewValue.of("X_ACME_Weight", "5")), "",
                QueueOptions.DEFAULT);

        assertThat(((TaskAction.AddObject) task.action()).values()).containsExactly(
                new ParameterValueStruct("X_ACME_Weight", "5", "xsd:int"));
        assertRefused(ErrorCode.BAD_VALUE, () -> tasks.queueAddObject(KNOWN, HOSTS,
                List.of(NewValue.of("X_ACME_Weight", "five")), "", QueueOptions.DEFAULT));
        assertRefused(ErrorCode.NOT_WRITABLE, () -> tasks.queueAddObject(KNOWN, HOSTS,
                List.of(NewValue.of("IPAddress", "192.0.2.99")), "", QueueOptions.DEFAULT));
    }
}
