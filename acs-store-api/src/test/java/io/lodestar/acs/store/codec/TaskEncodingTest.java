package io.lodestar.acs.store.codec;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.ParameterAttributeStruct;
import io.lodestar.acs.core.rpc.DeploymentUnitOperation;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.rpc.QueuedTransferStruct;
import io.lodestar.acs.core.rpc.TimeWindowStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The task action and result parts of the task record. One instance of every permitted action (and result) is
 * here: an action added without a writer does not compile, one added without a reader or without a case here
 * fails {@link #everyPermittedActionRoundTripsThroughItsPinnedBytes}. Each action's bytes are pinned: format 1 must
 * stay readable, so a change to these is a new format, not an edit.
 */
class TaskEncodingTest {

    private static final HexFormat HEX = HexFormat.of();

    /** One instance of every permitted action, with its format-1 bytes (tag, then fields). */
    private static final Map<TaskAction, String> GOLDEN_ACTIONS = new LinkedHashMap<>();

    static {
        GOLDEN_ACTIONS.put(new TaskAction.GetParameterValues(List.of("Device.DeviceInfo.", "Device.Time.Enable")),
                "0100000002000000124465766963652e446576696365496e666f2e000000124465766963652e54696d652e456e61626c65");
        GOLDEN_ACTIONS.put(new TaskAction.SetParameterValues(List.of(ParameterValueStruct.string("Device.X", "ü"),
                        new ParameterValueStruct("Device.Y", "7", "xsd:unsignedInt")), "pk-1"),
                "0200000002000000084465766963652e5800000002c3bc0000000a7873643a737472696e67000000084465766963652e59"
                        + "00000001370000000f7873643a756e7369676e6564496e7400000004706b2d31");
        GOLDEN_ACTIONS.put(new TaskAction.GetParameterNames("Device.WiFi.", true),
                "030000000c4465766963652e576946692e01");
        GOLDEN_ACTIONS.put(new TaskAction.AddObject("Device.WiFi.SSID.", "pk-2"),
                "04000000114465766963652e576946692e535349442e00000004706b2d32");
        GOLDEN_ACTIONS.put(new TaskAction.DeleteObject("Device.WiFi.SSID.3.", ""),
                "05000000134465766963652e576946692e535349442e332e00000000");
        GOLDEN_ACTIONS.put(new TaskAction.Reboot("ck-1"), "0600000004636b2d31");
        GOLDEN_ACTIONS.put(new TaskAction.FactoryReset(), "07");
        GOLDEN_ACTIONS.put(new TaskAction.Refresh("Device.Hosts."), "080000000d4465766963652e486f7374732e");
        GOLDEN_ACTIONS.put(new TaskAction.GetRPCMethods(), "14");
        GOLDEN_ACTIONS.put(new TaskAction.GetParameterAttributes(List.of("Device.X")), "1500000001000000084465766963652e58");
        GOLDEN_ACTIONS.put(new TaskAction.SetParameterAttributes(List.of(
                new SetParameterAttributesStruct("Device.X", true, 2, true, List.of("Subscriber")))), "16000000010000000844657669" + "63652e580100000002010000000100"
                        + "00000a53756273637269626572");
        GOLDEN_ACTIONS.put(new TaskAction.ScheduleInform(30, "ck"), "170000001e00000002636b");
        // the transfers, from tag 24 (0x18)
        GOLDEN_ACTIONS.put(new TaskAction.Download(TaskAction.FIRMWARE_IMAGE, "http://f/i.bin", "u", "p", 1024, "i.bin",
                5, "s", "f", "fw", "2.0"), "180000001831204669726d77617265205570677261646520496d6167650000000e6874"
                + "74703a2f2f662f692e62696e00000001750000000170000000000000040000000005692e62696e00000005000000017300"
                + "0000016600000002667700000003322e30");
        GOLDEN_ACTIONS.put(new TaskAction.Upload("2 Vendor Log File", "http://f/up", "", "", 0, "up"),
                "1900000011322056656e646f72204c6f672046696c650000000b687474703a2f2f662f75700000000000000000000000"
                        + "00000000027570");
        GOLDEN_ACTIONS.put(new TaskAction.ScheduleDownload("3 Vendor Configuration File", "http://f/c", "", "", 10, "",
                List.of(new TimeWindowStruct(0, 600, "1 At Any Time", "", -1)), "sd"),
                "1a0000001b332056656e646f7220436f6e66696775726174696f6e2046696c650000000a687474703a2f2f662f6300000000"
                        + "00000000000000000000000a00000000000000010000000000000000000000000000025800000"
                        + "00d3120417420416e792054696d6500000000ffffffff000000027364");
        GOLDEN_ACTIONS.put(new TaskAction.CancelTransfer("fw"), "1b000000026677");
        GOLDEN_ACTIONS.put(new TaskAction.GetQueuedTransfers(), "1c");
        GOLDEN_ACTIONS.put(new TaskAction.GetAllQueuedTransfers(), "1d");
        GOLDEN_ACTIONS.put(new TaskAction.ChangeDUState(List.of(
                        new DeploymentUnitOperation.Install("http://f/a", "", "", "", ""),
                        new DeploymentUnitOperation.Update("", "2", "", "", ""),
                        new DeploymentUnitOperation.Uninstall("u", "", "")), "du"),
                "1e00000003010000000a687474703a2f2f662f610000000000000000000000000000000002000000000000000132000000"
                        + "0000000000000000000300000001750000000000000000000000026475");
    }

    /** One instance of every permitted result. */
    private static final List<TaskResult> RESULTS = List.of(
            new TaskResult.Values(List.of(ParameterValueStruct.string("Device.X", "1"))),
            new TaskResult.Names(List.of(new ParameterInfoStruct("Device.X", true),
                    new ParameterInfoStruct("Device.Y.", false))),
            new TaskResult.ObjectAdded(7, 1),
            new TaskResult.Status(0, 12),
            new TaskResult.Methods(List.of("GetRPCMethods", "Reboot")),
            new TaskResult.Attributes(List.of(new ParameterAttributeStruct("Device.X", 2, List.of("Subscriber")))),
            new TaskResult.Transfer(1, "", "0001-01-01T00:00:00Z"),
            new TaskResult.ParameterFaults(List.of(new io.lodestar.acs.core.rpc.CwmpFault.SetParameterValuesFault(
                    "Device.X", 9007, "Invalid parameter value"))),
            new TaskResult.QueuedTransfers(List.of(new QueuedTransferStruct("fw", 2, true, "1 Firmware Upgrade Image",
                    1024, "i.bin"), new QueuedTransferStruct("", 1, false, "", 0, ""))));

    @Test
    void everyPermittedActionRoundTripsThroughItsPinnedBytes() {
        assertThat(GOLDEN_ACTIONS.keySet().stream().map(Object::getClass))
                .as("one case per permitted action")
                .containsExactlyInAnyOrder(TaskAction.class.getPermittedSubclasses());
        GOLDEN_ACTIONS.forEach((action, golden) -> {
            assertThat(HEX.formatHex(actionBytes(action))).as("bytes of " + action.name()).isEqualTo(golden);
            assertThat(TaskEncoding.readAction(new BinaryReader(HEX.parseHex(golden), "task")))
                    .as("read back " + action.name()).isEqualTo(action);
        });
    }

    @Test
    void anAddObjectWithValuesForItsNewInstanceIsTag31AndOneWithoutKeepsTag4() {
        TaskAction chain = new TaskAction.AddObject("Device.WiFi.SSID.", "pk-2",
                List.of(new ParameterValueStruct("Enable", "true", "xsd:boolean")));
        String golden = "1f000000114465766963652e576946692e535349442e00000004706b2d320000000100000006456e61626c65"
                + "00000004747275650000000b7873643a626f6f6c65616e";
        assertThat(HEX.formatHex(actionBytes(chain))).isEqualTo(golden);
        assertThat(TaskEncoding.readAction(new BinaryReader(HEX.parseHex(golden), "task"))).isEqualTo(chain);
    }

    @Test
    void theActionTagsAreDistinct() {
        assertThat(GOLDEN_ACTIONS.values().stream().map(hex -> hex.substring(0, 2))).doesNotHaveDuplicates();
    }

    @Test
    void anUnknownActionTagIsACorruptRecord() {
        assertThatThrownBy(() -> TaskEncoding.readAction(new BinaryReader(new byte[] {99}, "task")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown task action tag 99");
    }

    @Test
    void everyPermittedResultAndNoResultRoundTrip() {
        assertThat(RESULTS.stream().map(Object::getClass)).as("one case per permitted result")
                .containsExactlyInAnyOrder(TaskResult.class.getPermittedSubclasses());
        List<TaskResult> resultsAndNone = new ArrayList<>(RESULTS);
        resultsAndNone.add(null);
        for (TaskResult result : resultsAndNone) {
            BinaryWriter w = new BinaryWriter(64);
            TaskEncoding.writeResult(w, result);
            assertThat(TaskEncoding.readResult(new BinaryReader(w.bytes(), "task")))
                    .as(Objects.toString(result)).isEqualTo(result);
        }
    }

    @Test
    void aRefusedSetParameterValuesKeepsEachParameterFaultUnderResultTag25() {
        BinaryWriter w = new BinaryWriter(64);
        TaskEncoding.writeResult(w, new TaskResult.ParameterFaults(List.of(
                new io.lodestar.acs.core.rpc.CwmpFault.SetParameterValuesFault("A.b", 9007, "bad"))));
        // tag 25, one fault: its name, code and string
        assertThat(HEX.formatHex(w.bytes())).startsWith("19");
        assertThat(w.bytes().length).isGreaterThan(10);
    }

    @Test
    void aTaskWaitingForAnotherKeepsItsPrerequisiteAndOneWaitingForNoneIsWrittenAsBefore() {
        Instant t = Instant.parse("2026-12-06T10:00:00Z");
        Task first = Task.queue(new DeviceId("d"), new TaskAction.Reboot("a"), t, Duration.ofHours(1));
        Task second = Task.queue(new DeviceId("d"), new TaskAction.Reboot("b"), t.plusSeconds(1), Duration.ofHours(1));
        Task waiting = second.after(first.id());

        assertThat(TaskEncoding.readTask(new BinaryReader(taskBytes(waiting), "task"))).isEqualTo(waiting);
        assertThat(TaskEncoding.readTask(new BinaryReader(taskBytes(second), "task")).after()).isNull();
        // the optional field is trailing: without it the record is the format-1 record of old
        byte[] plain = taskBytes(second);
        byte[] withAfter = taskBytes(waiting);
        assertThat(HEX.formatHex(withAfter)).startsWith(HEX.formatHex(plain));
        assertThat(new TaskId(new BinaryReader(java.util.Arrays.copyOfRange(withAfter, plain.length,
                withAfter.length), "task").str())).isEqualTo(first.id());
    }

    private static byte[] taskBytes(Task task) {
        BinaryWriter w = new BinaryWriter(128);
        TaskEncoding.writeTask(w, task);
        return w.bytes();
    }

    private static byte[] actionBytes(TaskAction action) {
        BinaryWriter w = new BinaryWriter(64);
        TaskEncoding.writeAction(w, action);
        return w.bytes();
    }
}
