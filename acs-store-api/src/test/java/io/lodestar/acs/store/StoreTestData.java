package io.lodestar.acs.store;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceIdentity;
import io.lodestar.acs.core.device.DiscoveryState;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.device.Reachability;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskResult;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The test data every contract suite builds on (and the encoding tests of the engines reuse): devices,
 * parameters, session changes, tasks, history records and operations, all at or around {@link #T0}.
 */
public final class StoreTestData {

    /** A fixed instant with nanoseconds, so that round trips prove full precision. */
    public static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456789Z");

    /** Parameter paths of the searches: the first three are {@link #INDEXED}, the last one is not. */
    public static final String SERIAL = "Device.DeviceInfo.SerialNumber";
    public static final String MAC = "Device.Ethernet.Interface.1.MACAddress";
    public static final String SIP_USER = "Device.Services.VoiceService.1.SIP.Client.1.AuthUserName";
    public static final String NOT_INDEXED = "Device.DeviceInfo.ModelName";

    /** The parameters every store under test indexes (see {@link StoreFixture#newStore()}). */
    public static final IndexedParameters INDEXED = IndexedParameters.of(SERIAL, MAC, SIP_USER);

    private StoreTestData() {
    }

    public static DeviceId id(String value) {
        return new DeviceId(value);
    }

    /** A device with every field set. */
    public static Device fullDevice(String id) {
        return new Device(
                new DeviceIdentity(id(id), new DeviceIdStruct("Acme Networks", "00D09E", "RG-7", "SN" + id),
                        T0.minusSeconds(86_400)),
                new LastContact(T0, T0.minusSeconds(3600), List.of(EventStruct.of(EventStruct.BOOT),
                        new EventStruct(EventStruct.M_REBOOT, "cmd-42")), "192.0.2.17", "1.4"),
                new Reachability("http://192.0.2.17:7547/cr"), new Inventory("Device.", "4.2.1", "HW-B"),
                new DiscoveryState(false, T0.minusSeconds(60)), Set.of("lab", "floor-3"));
    }

    public static Parameter param(String path, String value) {
        return new Parameter(path, value, "xsd:string", true, T0);
    }

    public static Parameter object(String path) {
        return new Parameter(path, null, null, false, T0);
    }

    public static SessionChanges.Builder session(Device device) {
        return new SessionChanges.Builder(device);
    }

    public static SessionChanges withParams(Device device, Parameter... params) {
        SessionChanges.Builder b = session(device);
        for (Parameter p : params) {
            b.upsert(p);
        }
        return b.build();
    }

    /** Session changes of exactly this bootstrap flag, these deleted subtrees and these upserts, and nothing else. */
    public static SessionChanges changes(Device device, boolean forgetLearned, Set<String> deleted,
                                         List<Parameter> upserts) {
        Map<String, Parameter> map = new LinkedHashMap<>();
        upserts.forEach(p -> map.put(p.path(), p));
        return new SessionChanges(device, forgetLearned, deleted, map, List.of(), List.of(), null);
    }

    public static Task task(String device, TaskAction action, Instant at) {
        return Task.queue(id(device), action, at, Duration.ofDays(7));
    }

    public static InformRecord inform(String device, Instant at, int retry) {
        return new InformRecord(id(device), at, List.of(EventStruct.of(EventStruct.PERIODIC)), "198.51.100.4",
                retry);
    }

    public static DeviceFault fault(String device, TaskId task, int code, Instant at) {
        return new DeviceFault(id(device), task, "SetParameterValues", code, "fault " + code, at);
    }

    /** A reboot the device accepted at {@code at} (its task created then), in progress. */
    public static Operation reboot(String device, Instant at) {
        return Operation.start(TaskId.create(at), id(device), OperationKind.REBOOT, "reboot-" + at.toEpochMilli(), at,
                Duration.ofHours(1));
    }

    /** Every action variant, with values that exercise empty and unusual strings. */
    public static List<TaskAction> everyAction() {
        return List.of(
                new TaskAction.GetParameterValues(List.of("Device.DeviceInfo.", "Device.ManagementServer.URL")),
                new TaskAction.SetParameterValues(List.of(
                        new ParameterValueStruct("Device.WiFi.SSID.1.SSID", "Café ☕", "xsd:string"),
                        new ParameterValueStruct("Device.WiFi.Radio.1.Channel", "11", "xsd:unsignedInt"),
                        new ParameterValueStruct("Device.Empty", "", null)), "pk-1"),
                new TaskAction.SetParameterValues(List.of(ParameterValueStruct.string("Device.X", "1")), null),
                new TaskAction.GetParameterNames("Device.", true),
                new TaskAction.GetParameterNames("", false),
                new TaskAction.AddObject("Device.IP.Interface.", "pk-2"),
                new TaskAction.AddObject("Device.NAT.PortMapping.", "pk-3", List.of(
                        new ParameterValueStruct("Enable", "true", "xsd:boolean"),
                        new ParameterValueStruct("Description", "Café ☕", "xsd:string"))),
                new TaskAction.DeleteObject("Device.IP.Interface.3.", ""),
                new TaskAction.Reboot("reboot-cmd"),
                new TaskAction.Reboot(null),
                new TaskAction.FactoryReset(),
                new TaskAction.Refresh(""),
                new TaskAction.Refresh("Device.WiFi."));
    }

    /** Every result variant. */
    public static List<TaskResult> everyResult() {
        return List.of(
                new TaskResult.Values(List.of(new ParameterValueStruct("Device.A", "ü", "xsd:string"),
                        new ParameterValueStruct("Device.B", "", "xsd:boolean"))),
                new TaskResult.Values(List.of()),
                new TaskResult.Names(List.of(new ParameterInfoStruct("Device.A.", false),
                        new ParameterInfoStruct("Device.A.B", true))),
                new TaskResult.ObjectAdded(4_294_967_295L, 1),
                new TaskResult.Status(1, 0),
                new TaskResult.Status(0, 12_345));
    }
}
