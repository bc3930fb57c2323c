package io.lodestar.acs.store.embedded;

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
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskFault;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.store.StoreTestData;
import io.lodestar.acs.store.codec.OperationEncoding;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The record format. The golden records pin format 1 byte for byte: once a store holds data, format 1 must stay
 * readable, so a change to the encoding needs a new format byte, not an edit of these.
 */
class RecordCodecTest {

    private static final Instant T = Instant.parse("2025-03-01T10:15:30.123456789Z");
    private static final HexFormat HEX = HexFormat.of();

    private static final String GOLDEN_PARAMETER =
            "0100000003c3bc310000000a7873643a737472696e6702010000000067c2de42075bcd15";
    private static final String GOLDEN_DEVICE = "010000000e3030443039452d5247372d534e31010000000441636d650000000630304430"
            + "39450000000352473700000003534e31010000000067c2de42075bcd15010000000067c2de42075bcd150000000001000000"
            + "063120424f4f5400000000000000093139322e302e322e31ffffffff00000003312e34000000074465766963652e00000003"
            + "342e32ffffffff01000000000200000001610000000162";
    private static final String GOLDEN_TASK = "010000002430313930613030302d303030302d373030302d383030302d3030303030303030"
            + "303030310000000364657602000000010000000844657669636"
            + "52e5800000001310000000a7873643a737472696e6700000002706b02010000000067c2de42075bcd15010000000067c2de7e"
            + "075bcd1500000001010000000067c2de42075bcd15010000232a0000000462757379010000000067c2de42075bcd1504000000"
            + "0000000000010000000067c2de43075bcd15";

    private static Device goldenDevice() {
        return new Device(
                new DeviceIdentity(new DeviceId("00D09E-RG7-SN1"), new DeviceIdStruct("Acme", "00D09E", "RG7",
                        "SN1"), T),
                new LastContact(T, null, List.of(EventStruct.of("1 BOOT")), "192.0.2.1", "1.4"),
                new Reachability(null), new Inventory("Device.", "4.2", null),
                new DiscoveryState(true, null), Set.of("b", "a"));
    }

    private static Task goldenTask() {
        return new Task(new TaskId("0190a000-0000-7000-8000-000000000001"), new DeviceId("dev"),
                new TaskAction.SetParameterValues(List.of(ParameterValueStruct.string("Device.X", "1")), "pk"),
                TaskStatus.DONE, T, T.plusSeconds(60), 1, T, new TaskFault(9002, "busy", T),
                new TaskResult.Status(0, 0), T.plusSeconds(1));
    }

    @Test
    void formatOneParametersStayReadable() {
        Parameter p = new Parameter("Device.X", "ü1", "xsd:string", true, T);
        assertThat(RecordCodec.decodeParameter("Device.X", HEX.parseHex(GOLDEN_PARAMETER))).isEqualTo(p);
        assertThat(HEX.formatHex(RecordCodec.encodeParameter(p))).isEqualTo(GOLDEN_PARAMETER);
    }

    @Test
    void formatOneDevicesStayReadable() {
        assertThat(RecordCodec.decodeDevice(HEX.parseHex(GOLDEN_DEVICE))).isEqualTo(goldenDevice());
        assertThat(HEX.formatHex(RecordCodec.encodeDevice(goldenDevice()))).isEqualTo(GOLDEN_DEVICE);
    }

    @Test
    void formatOneTasksStayReadable() {
        assertThat(RecordCodec.decodeTask(HEX.parseHex(GOLDEN_TASK))).isEqualTo(goldenTask());
        assertThat(HEX.formatHex(RecordCodec.encodeTask(goldenTask()))).isEqualTo(GOLDEN_TASK);
    }

    @Test
    void everyRecordRoundTrips() {
        Device d = goldenDevice();
        assertThat(RecordCodec.decodeDevice(RecordCodec.encodeDevice(d))).isEqualTo(d);
        Device minimal = Device.register(new DeviceId("x"), Instant.ofEpochSecond(-1_000_000_000L, 1));
        assertThat(RecordCodec.decodeDevice(RecordCodec.encodeDevice(minimal))).isEqualTo(minimal);
        InformRecord i = new InformRecord(d.id(), T, List.of(new EventStruct("M Reboot", "k")), null, 3);
        assertThat(RecordCodec.decodeInform(RecordCodec.encodeInform(i))).isEqualTo(i);
        DeviceFault f = new DeviceFault(d.id(), null, null, 9005, null, T);
        assertThat(RecordCodec.decodeFault(RecordCodec.encodeFault(f))).isEqualTo(f);
        for (TaskAction a : StoreTestData.everyAction()) {
            Task t = Task.queue(d.id(), a, T, java.time.Duration.ofHours(1));
            assertThat(RecordCodec.decodeTask(RecordCodec.encodeTask(t))).isEqualTo(t);
        }
        for (TaskResult r : StoreTestData.everyResult()) {
            Task t = Task.queue(d.id(), new TaskAction.FactoryReset(), T, java.time.Duration.ofHours(1)).done(r, T);
            assertThat(RecordCodec.decodeTask(RecordCodec.encodeTask(t))).isEqualTo(t);
        }
    }

    @Test
    void anOperationIsTheSharedEncodingsBytes() {
        Operation o = Operation.start(TaskId.create(T), new DeviceId("dev"), OperationKind.REBOOT, "k", T,
                java.time.Duration.ofHours(1));
        assertThat(RecordCodec.encodeOperation(o)).isEqualTo(OperationEncoding.encode(o));
        assertThat(RecordCodec.decodeOperation(RecordCodec.encodeOperation(o))).isEqualTo(o);
    }

    @Test
    void anUnknownFormatIsRefusedNotMisread() {
        byte[] future = HEX.parseHex(GOLDEN_TASK);
        future[0] = 2;
        assertThatThrownBy(() -> RecordCodec.decodeTask(future)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown record format 2");
        byte[] p = HEX.parseHex(GOLDEN_PARAMETER);
        p[0] = 9;
        assertThatThrownBy(() -> RecordCodec.decodeParameter("Device.X", p))
                .hasMessageContaining("unknown record format 9");
    }

    @Test
    void aTruncatedRecordIsReportedAsCorrupt() {
        byte[] whole = HEX.parseHex(GOLDEN_DEVICE);
        for (int len = 1; len < whole.length; len += 7) {
            byte[] cut = Arrays.copyOf(whole, len);
            assertThatThrownBy(() -> RecordCodec.decodeDevice(cut)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot read stored device");
        }
    }
}
