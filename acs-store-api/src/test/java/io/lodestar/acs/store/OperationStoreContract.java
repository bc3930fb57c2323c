package io.lodestar.acs.store;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.operation.OperationStatus;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.TaskId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.lodestar.acs.store.StoreTestData.T0;
import static io.lodestar.acs.store.StoreTestData.fullDevice;
import static io.lodestar.acs.store.StoreTestData.id;
import static io.lodestar.acs.store.StoreTestData.param;
import static io.lodestar.acs.store.StoreTestData.reboot;
import static io.lodestar.acs.store.StoreTestData.session;
import static io.lodestar.acs.store.StoreTestData.withParams;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promises of {@link OperationStore}: operations are written by {@link AcsStore#commit} with the rest of a
 * session, replaced by task id, read in start order with every field, kept under the device they name, bounded
 * (every one in progress plus the {@value OperationStore#ENDED_OPERATIONS_KEPT} ended most recently), and gone
 * with their device.
 */
public interface OperationStoreContract extends StoreFixture {

    @Test
    default void aCommitStoresOperationsAndALaterOneReplacesThemByTaskId() {
        Device d = fullDevice("dev-op");
        Operation rebooting = reboot("dev-op", T0);
        store().commit(session(d).operation(rebooting).build());
        assertThat(store().operations(d.id())).containsExactly(rebooting);

        Operation back = rebooting.completed(T0.plusSeconds(90));
        store().commit(session(d).operation(back).build());
        assertThat(store().operations(d.id())).containsExactly(back);
        assertThat(back.status()).isEqualTo(OperationStatus.COMPLETED);
        // a session that starts or ends none leaves them as they are
        store().commit(withParams(d, param("Device.X", "1")));
        assertThat(store().operations(d.id())).containsExactly(back);
    }

    @Test
    default void operationsComeInStartOrderWhateverTheOrderTheyWereCommittedIn() {
        Device d = fullDevice("dev-op-order");
        List<Operation> ops = IntStream.range(0, 5).mapToObj(i -> reboot("dev-op-order", T0.plusMillis(i))).toList();
        store().commit(session(d).operation(ops.get(3)).operation(ops.get(1)).build());
        store().commit(session(d).operation(ops.get(4)).operation(ops.get(0)).operation(ops.get(2)).build());
        assertThat(store().operations(d.id())).containsExactlyElementsOf(ops);
    }

    @Test
    default void everyOperationFieldRoundTripsAndSurvivesARestart() {
        Device d = fullDevice("dev-op-fields");
        List<Operation> ops = List.of(
                Operation.start(TaskId.create(T0), d.id(), OperationKind.REBOOT, "Neustart ☕ \uD83D\uDE80 ü", T0,
                        Duration.ofMinutes(5)),
                Operation.start(TaskId.create(T0.plusMillis(1)), d.id(), OperationKind.FACTORY_RESET, "",
                        T0.plusNanos(1), Duration.ofHours(1)).completed(T0.plusSeconds(30).plusNanos(876_543_210)),
                Operation.start(TaskId.create(T0.plusMillis(2)), d.id(), OperationKind.REBOOT, "k", T0,
                        Duration.ofNanos(1)).timedOut(T0.plusSeconds(3600)),
                new Operation(TaskId.create(T0.plusMillis(3)), d.id(), OperationKind.FACTORY_RESET, "x",
                        OperationStatus.COMPLETED, Instant.ofEpochSecond(-86_400, 999_999_999), T0, null));
        SessionChanges.Builder b = session(d);
        ops.forEach(b::operation);
        store().commit(b.build());
        assertThat(store().operations(d.id())).containsExactlyElementsOf(ops);
        restart();
        assertThat(store().operations(d.id())).containsExactlyElementsOf(ops);
    }

    @Test
    default void transferOperationsKeepTheirVersionTimesAndFaultThroughEveryStatus() {
        Device d = fullDevice("dev-op-transfer");
        Operation download = Operation.startTransfer(TaskId.create(T0), d.id(), OperationKind.DOWNLOAD, "fw-1", "7.1",
                T0, T0.plus(Duration.ofHours(2)));
        Operation upload = Operation.startTransfer(TaskId.create(T0.plusMillis(1)), d.id(), OperationKind.UPLOAD, "up",
                "", T0, T0.plusSeconds(60));
        store().commit(session(d).operation(download).operation(upload).build());
        assertThat(store().operations(d.id())).containsExactly(download, upload);

        Operation transferred = download.afterTransferReport(FaultStruct.NONE, T0.plusSeconds(5), T0.plusSeconds(9),
                "7.0", false, T0.plusSeconds(10));
        Operation failed = upload.afterTransferReport(new FaultStruct(9011, "Upload failure: HTTP 500"), null, null,
                "", false, T0.plusSeconds(10));
        store().commit(session(d).operation(transferred).operation(failed).build());
        restart();
        assertThat(store().operations(d.id())).containsExactly(transferred, failed);
        assertThat(store().operations(d.id()).get(0).transfer().awaitsVersion()).isTrue();
        assertThat(store().operations(d.id()).get(1).status()).isEqualTo(OperationStatus.FAILED);

        Operation cancelled = transferred.cancelled(T0.plusSeconds(20));
        store().commit(session(d).operation(cancelled).build());
        assertThat(store().operations(d.id())).containsExactly(cancelled, failed);
    }

    @Test
    default void operationsAreStoredUnderTheDeviceTheyName() {
        Device d = fullDevice("dev-op-own");
        Operation mine = reboot("dev-op-own", T0);
        Operation theirs = reboot("dev-op-theirs", T0.plusMillis(1));
        store().commit(session(d).operation(mine).operation(theirs).build());
        assertThat(store().operations(d.id())).containsExactly(mine);
        assertThat(store().operations(id("dev-op-theirs"))).containsExactly(theirs);
    }

    @Test
    default void committingTheSameOperationsTwiceIsLikeCommittingOnce() {
        Device d = fullDevice("dev-op-idem");
        Operation a = reboot("dev-op-idem", T0);
        Operation b = reboot("dev-op-idem", T0.plusMillis(1)).completed(T0.plusSeconds(5));
        SessionChanges changes = session(d).operation(a).operation(b).build();
        store().commit(changes);
        store().commit(changes);
        assertThat(store().operations(d.id())).containsExactly(a, b);
    }

    @Test
    default void theOperationHistoryKeepsEveryOneInProgressAndTheMostRecentlyEnded() {
        Device d = fullDevice("dev-op-history");
        int kept = OperationStore.ENDED_OPERATIONS_KEPT;
        assertThat(kept).isEqualTo(50);
        // 62 operations in start order: 60 ended (each half a second after its start), 2 in progress (the first
        // and one in the middle)
        List<Operation> all = new ArrayList<>();
        for (int i = 0; i < kept + 12; i++) {
            Operation o = reboot("dev-op-history", T0.plusSeconds(i));
            all.add(i == 0 || i == 31 ? o : o.completed(T0.plusSeconds(i).plusMillis(500)));
        }
        // the first 41 in one commit (nothing to prune yet), the others one commit each (each prunes)
        SessionChanges.Builder first = session(d);
        all.subList(0, 41).forEach(first::operation);
        store().commit(first.build());
        SessionChanges last = null;
        for (Operation o : all.subList(41, all.size())) {
            last = session(d).operation(o).build();
            store().commit(last);
        }
        List<Operation> expected = new ArrayList<>();
        expected.add(all.get(0));
        expected.addAll(all.subList(11, all.size())); // the ten that ended first (1 to 10) are gone
        assertThat(store().operations(d.id())).containsExactlyElementsOf(expected)
                .filteredOn(o -> !o.isInProgress()).hasSize(kept);

        store().commit(last); // a retry changes nothing
        assertThat(store().operations(d.id())).containsExactlyElementsOf(expected);
        restart();
        assertThat(store().operations(d.id())).containsExactlyElementsOf(expected);

        // the oldest one ends now: the most recent to end, it stays, and the one that ended first of the others goes
        Operation timedOut = all.get(0).timedOut(T0.plusSeconds(3600));
        store().commit(session(d).operation(timedOut).build());
        expected.set(0, timedOut);
        expected.remove(all.get(11));
        assertThat(store().operations(d.id())).containsExactlyElementsOf(expected);
    }

    @Test
    default void deleteDeviceRemovesItsOperationsAndARecreatedDeviceHasNone() {
        Device d = fullDevice("dev-op-del");
        Device other = fullDevice("dev-op-del-other");
        Operation gone = reboot("dev-op-del", T0);
        Operation stays = reboot("dev-op-del-other", T0.plusMillis(1));
        store().commit(session(d).operation(gone).build());
        store().commit(session(other).operation(stays).build());

        assertThat(store().deleteDevice(d.id())).isTrue();
        assertThat(store().operations(d.id())).isEmpty();
        assertThat(store().operations(other.id())).containsExactly(stays);

        store().commit(withParams(d));
        assertThat(store().operations(d.id())).isEmpty();
        Operation fresh = reboot("dev-op-del", T0.plusMillis(2));
        store().commit(session(d).operation(fresh).build());
        assertThat(store().operations(d.id())).containsExactly(fresh);
    }
}
