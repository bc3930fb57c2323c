package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceIdentity;
import io.lodestar.acs.core.device.DiscoveryState;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.device.Reachability;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.task.RetryPolicy;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskFault;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.store.StoreTestData;
import io.lodestar.acs.store.codec.OperationEncoding;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The blob formats: every variant round-trips, format 1 is pinned, an unknown format fails loudly. */
class BlobCodecTest {

    private static final Instant T = Instant.parse("2025-03-01T10:15:30.123456789Z");
    private static final DeviceId ID = new DeviceId("dev");

    @Test
    void everyTaskActionAndResultRoundTrips() {
        for (TaskAction a : StoreTestData.everyAction()) {
            Task t = new Task(TaskId.create(T), ID, a, TaskStatus.PENDING, T, T.plusSeconds(60), 0, T, null, null, null);
            assertThat(BlobCodec.decodeTask(BlobCodec.encodeTask(t))).isEqualTo(t);
        }
        for (TaskResult r : StoreTestData.everyResult()) {
            Task t = Task.queue(ID, new TaskAction.FactoryReset(), T, java.time.Duration.ofDays(1))
                    .failedAttempt(new TaskFault(9002, null, null), RetryPolicy.DEFAULT, T).done(r, T.plusSeconds(1));
            assertThat(BlobCodec.decodeTask(BlobCodec.encodeTask(t))).isEqualTo(t);
        }
    }

    @Test
    void summariesRoundTripWithTheTagsKeptApart() {
        Device full = new Device(new DeviceIdentity(ID, new DeviceIdStruct("Acme", "00D09E", "", "SN"), T),
                new LastContact(T.plusNanos(1), null, List.of(EventStruct.of(EventStruct.BOOT),
                        new EventStruct(EventStruct.M_REBOOT, "k")), null, "1.0"),
                new Reachability("http://x"), new Inventory(null, "4.2", null),
                new DiscoveryState(true, Instant.EPOCH.minusNanos(1)), Set.of("a", "b"));
        assertThat(BlobCodec.decodeSummary(BlobCodec.encodeSummary(full), Set.of("a", "b"))).isEqualTo(full);
        assertThat(BlobCodec.decodeSummary(BlobCodec.encodeSummary(full), null)).isEqualTo(full.withTags(Set.of()));
        Device minimal = Device.register(ID, T);
        assertThat(BlobCodec.decodeSummary(BlobCodec.encodeSummary(minimal), Set.of())).isEqualTo(minimal);
    }

    @Test
    void formatOneIsPinned() {
        Task t = new Task(new TaskId("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"), new DeviceId("d"),
                new TaskAction.Reboot("k"), TaskStatus.DONE, Instant.ofEpochSecond(1, 2), Instant.ofEpochSecond(3, 4), 1,
                Instant.ofEpochSecond(5, 6), null, new TaskResult.Status(0, 7), null);
        assertThat(HexFormat.of().formatHex(bytes(BlobCodec.encodeTask(t)))).isEqualTo(
                "01" // format
                        + "00000024" + HexFormat.of().formatHex("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b".getBytes())
                        + "00000001" + "64" // device "d"
                        + "06" + "00000001" + "6b" // Reboot "k"
                        + "02" // DONE
                        + "01" + "0000000000000001" + "00000002"
                        + "01" + "0000000000000003" + "00000004"
                        + "00000001"
                        + "01" + "0000000000000005" + "00000006"
                        + "00" // no fault
                        + "04" + "00000000" + "00000007" // Status(0, 7)
                        + "00"); // no completedAt
    }

    @Test
    void anOperationIsTheSharedEncodingsBytes() {
        Operation o = Operation.start(TaskId.create(T), ID, OperationKind.FACTORY_RESET, "", T,
                java.time.Duration.ofHours(1)).completed(T.plusSeconds(1));
        assertThat(bytes(BlobCodec.encodeOperation(o))).isEqualTo(OperationEncoding.encode(o));
        assertThat(BlobCodec.decodeOperation(BlobCodec.encodeOperation(o))).isEqualTo(o);
    }

    @Test
    void anUnknownFormatFailsLoudly() {
        ByteBuffer b = BlobCodec.encodeTask(Task.queue(ID, new TaskAction.FactoryReset(), T, java.time.Duration.ofDays(1)));
        byte[] bytes = bytes(b);
        bytes[0] = 2;
        assertThatThrownBy(() -> BlobCodec.decodeTask(ByteBuffer.wrap(bytes)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown record format 2");
        assertThatThrownBy(() -> BlobCodec.decodeTask(ByteBuffer.wrap(new byte[] {1, 0})))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("too short");
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
