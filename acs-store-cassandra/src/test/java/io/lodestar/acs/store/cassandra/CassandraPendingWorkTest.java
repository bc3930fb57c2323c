package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.SessionStart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.lodestar.acs.store.StoreTestData.T0;
import static io.lodestar.acs.store.StoreTestData.fullDevice;
import static io.lodestar.acs.store.StoreTestData.inform;
import static io.lodestar.acs.store.StoreTestData.reboot;
import static io.lodestar.acs.store.StoreTestData.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The markers of pending work in the {@code devices} row (V014, docs/cassandra-store.md, "Pending work in the
 * devices row"), on the real node with two stores as two ACS nodes: a session opening
 * ({@link CassandraAcsStore#loadSessionStart}, as {@code SessionService} makes it) skips the reads the markers make
 * needless, and never misses a task queued on any node; {@code pendingTasks} and {@code operations} on their own
 * always read.
 */
class CassandraPendingWorkTest {

    private static final String KEYSPACE = "pending_work";

    @RegisterExtension
    static final CassandraKeyspace keyspace = CassandraKeyspace.emptiedBeforeEachTest(KEYSPACE);

    private CassandraAcsStore here;
    private CassandraAcsStore there;

    @BeforeEach
    void open() {
        here = keyspace.open(IndexedParameters.NONE);
        there = keyspace.open(IndexedParameters.NONE);
    }

    /** What a session opening reads, as SessionService reads it. */
    private static SessionStart open(CassandraAcsStore store, DeviceId id) {
        return store.loadSessionStart(id);
    }

    /** The device a session opened with. */
    private static Device device(SessionStart start) {
        return start.snapshot().orElseThrow().device();
    }

    /**
     * How many reads of each of the keyspace's tables the node has served as coordinator (the virtual table of its
     * per-table read metrics): the requests a store sent, counted by Cassandra itself.
     */
    private static Map<String, Long> readsByTable() {
        Map<String, Long> reads = new HashMap<>();
        for (Row r : keyspace.session().execute(SimpleStatement.newInstance("SELECT table_name, count FROM "
                + "system_views.coordinator_read_latency WHERE keyspace_name = ?", KEYSPACE))) {
            reads.put(r.getString(0), r.getLong(1));
        }
        return reads;
    }

    /** The reads of each table served between two {@link #readsByTable} (tables not read left out). */
    private static Map<String, Long> readsBetween(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> served = new HashMap<>();
        after.forEach((table, count) -> {
            long n = count - before.getOrDefault(table, 0L);
            if (n != 0) {
                served.put(table, n);
            }
        });
        return served;
    }

    private static int sessionNo;

    /** A plain periodic session's commit, ending (DONE) the given tasks. */
    private static SessionChanges periodic(Device device, Task... done) {
        Instant at = T0.plusSeconds(60L * ++sessionNo);
        SessionChanges.Builder b = new SessionChanges.Builder(device).inform(inform(device.id().value(), at, 0));
        for (Task t : done) {
            b.task(t.done(new TaskResult.Status(0, 0), at));
        }
        return b.build();
    }

    private static Device stored(CassandraAcsStore store, String id) {
        Device d = fullDevice(id);
        store.commit(new SessionChanges.Builder(d).build());
        return d;
    }

    private static Row devicesRow(DeviceId id) {
        return keyspace.session().execute(SimpleStatement.newInstance("SELECT pending_tasks, tasks_tracked, "
                + "has_operations, operations_tracked FROM " + KEYSPACE + ".devices WHERE device_id = ?", id.value()))
                .one();
    }

    private static Set<String> marker(DeviceId id) {
        Row r = devicesRow(id);
        return r == null || r.isNull(0) ? Set.of() : r.getSet(0, String.class);
    }

    /** A task row written as a version without the markers wrote it: no id in the device's marker. */
    private static void taskBehindTheMarkersBack(Task t) {
        keyspace.session().execute(SimpleStatement.newInstance("INSERT INTO " + KEYSPACE + ".tasks (device_id, "
                        + "task_id, status, action, record) VALUES (?, ?, ?, ?, ?)", t.deviceId().value(),
                t.id().value(), t.status().name(), t.action().name(), BlobCodec.encodeTask(t)));
        keyspace.session().execute(SimpleStatement.newInstance("INSERT INTO " + KEYSPACE + ".tasks_by_id (task_id, "
                + "device_id) VALUES (?, ?)", t.id().value(), t.deviceId().value()));
    }

    @Test
    void aQueuedTaskPutsItsIdInTheDevicesMarkerAndATaskThatLeavesTheQueueTakesItOut() {
        Device d = stored(here, "pw-marker");
        Task reboot = there.addTask(task(d.id().value(), new TaskAction.Reboot("r"), T0));
        Task refresh = there.addTask(task(d.id().value(), new TaskAction.Reboot("s"), T0.plusMillis(1)));
        assertThat(marker(d.id())).containsExactlyInAnyOrder(reboot.id().value(), refresh.id().value());

        SessionStart first = open(here, d.id());
        assertThat(first.pendingTasks()).extracting(Task::id).containsExactly(reboot.id(), refresh.id());
        here.commit(periodic(device(first), reboot));
        assertThat(marker(d.id())).as("the done task left the marker, the pending one stays")
                .containsExactly(refresh.id().value());

        there.cancelTask(refresh.id(), T0.plusSeconds(5));
        assertThat(marker(d.id())).as("a cancelled task leaves it too").isEmpty();
        assertThat(open(here, d.id()).pendingTasks()).isEmpty();
    }

    @Test
    void aSessionOfATrackedDeviceWithAnEmptyMarkerDoesNotReadTheQueue() {
        Device d = stored(here, "pw-skip");
        SessionStart first = open(here, d.id()); // reads the queue and tracks the device
        assertThat(first.pendingTasks()).isEmpty();
        assertThat(devicesRow(d.id()).getBoolean("tasks_tracked")).isTrue();

        // a task the marker does not know of (as a version without the markers would queue it): a session opening
        // does not see it, which shows it did not read the queue; any other call reads the queue and sees it
        Task hidden = task(d.id().value(), new TaskAction.Reboot("hidden"), T0);
        taskBehindTheMarkersBack(hidden);
        assertThat(open(here, d.id()).pendingTasks()).isEmpty();
        assertThat(here.pendingTasks(d.id())).extracting(Task::id).containsExactly(hidden.id());

        // a task queued through a store puts its id in the marker: the next opening reads the queue, gets both,
        // and brings the marker in line with what it read
        Task seen = there.addTask(task(d.id().value(), new TaskAction.Reboot("seen"), T0.plusMillis(1)));
        assertThat(open(here, d.id()).pendingTasks()).extracting(Task::id).containsExactly(hidden.id(), seen.id());
        assertThat(marker(d.id())).containsExactlyInAnyOrder(hidden.id().value(), seen.id().value());
    }

    @Test
    void aSessionOfADeviceWithoutPendingWorkOpensWithOneRead() {
        Device d = stored(here, "pw-one-read");
        here.commit(periodic(device(open(here, d.id())))); // tracked: no task, no operation under this summary

        Map<String, Long> before = readsByTable();
        SessionStart start = open(here, d.id());
        Map<String, Long> after = readsByTable();

        assertThat(device(start)).isEqualTo(here.findDevice(d.id()).orElseThrow());
        assertThat(start.pendingTasks()).isEmpty();
        assertThat(start.operations()).isEmpty();
        assertThat(readsBetween(before, after)).as("the devices row alone (the parameters from this node's copy)")
                .isEqualTo(Map.of("devices", 1L));
        // with work pending, the markers send the opening to read it
        Task queued = there.addTask(task(d.id().value(), new TaskAction.Reboot("r"), T0));
        before = readsByTable();
        assertThat(open(here, d.id()).pendingTasks()).extracting(Task::id).containsExactly(queued.id());
        assertThat(readsBetween(before, readsByTable())).isEqualTo(Map.of("devices", 1L, "tasks", 1L));
    }

    @Test
    void aSessionOpeningWithItsLeaseReadsTheDevicesRowOnceForTheClaimsAndTheDevice() {
        Device d = stored(here, "pw-lease-one-read");
        here.commit(periodic(device(open(here, d.id()))));

        Map<String, Long> before = readsByTable();
        Optional<SessionStart> start = here.acquireLeaseAndLoadSessionStart(d.id(), "node-here",
                Duration.ofSeconds(30));
        Map<String, Long> after = readsByTable();

        assertThat(start).hasValueSatisfying(
                s -> assertThat(device(s)).isEqualTo(here.findDevice(d.id()).orElseThrow()));
        assertThat(readsBetween(before, after)).as("the claims come with the device: no read of session_claims")
                .isEqualTo(Map.of("devices", 1L));
        assertThat(there.acquireLease(d.id(), "node-there", Duration.ofSeconds(30))).isFalse();
        here.commitAndReleaseLease(periodic(device(start.orElseThrow())), "node-here");
        assertThat(there.acquireLease(d.id(), "node-there", Duration.ofSeconds(30))).isTrue();
        there.releaseLease(d.id(), "node-there");
    }

    @Test
    void aTaskQueuedOnAnotherNodeBetweenASessionsOpeningAndItsCommitIsDeliveredInTheNextSession() {
        Device d = stored(here, "pw-between");
        here.commit(periodic(device(open(here, d.id())))); // tracked, no task

        SessionStart opening = open(here, d.id());
        assertThat(opening.pendingTasks()).isEmpty();
        Task queued = there.addTask(task(d.id().value(), new TaskAction.Reboot("late"), T0));
        here.commit(periodic(device(opening)));

        SessionStart next = open(here, d.id());
        assertThat(next.pendingTasks()).extracting(Task::id).containsExactly(queued.id());
        SessionStart onTheOtherNode = open(there, d.id());
        assertThat(onTheOtherNode.pendingTasks()).extracting(Task::id).containsExactly(queued.id());
    }

    @Test
    void tasksQueuedOnAnotherNodeWhileSessionsRunAreEachDelivered() throws Exception {
        Device d = stored(here, "pw-race");
        Set<TaskId> queued = ConcurrentHashMap.newKeySet();
        Set<TaskId> delivered = new HashSet<>();
        AtomicBoolean adding = new AtomicBoolean(true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> adder = pool.submit(() -> {
                for (int i = 0; i < 60; i++) {
                    queued.add(there.addTask(task(d.id().value(), new TaskAction.Reboot("t" + i),
                            T0.plusMillis(i))).id());
                    if (ThreadLocalRandom.current().nextBoolean()) {
                        Thread.onSpinWait();
                    }
                }
                adding.set(false);
                return null;
            });
            // sessions one after the other, each ending every task it was given, until the adder is done and a
            // session opens with nothing left to deliver
            int sessions = 0;
            while (true) {
                boolean addingBefore = adding.get();
                SessionStart o = open(here, d.id());
                for (Task t : o.pendingTasks()) {
                    assertThat(delivered.add(t.id())).as("delivered once: %s", t.id()).isTrue();
                }
                here.commit(periodic(device(o), o.pendingTasks().toArray(Task[]::new)));
                sessions++;
                if (!addingBefore && o.pendingTasks().isEmpty()) {
                    break;
                }
            }
            adder.get();
            assertThat(delivered).as("after %d sessions", sessions).containsExactlyInAnyOrderElementsOf(queued);
            assertThat(here.tasks(d.id())).extracting(Task::status).containsOnly(TaskStatus.DONE).hasSize(60);
            assertThat(marker(d.id())).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeviceStoredBeforeTheMarkersHasItsTasksReadAndIsTrackedFromThenOn() {
        Device d = stored(here, "pw-before");
        Task old = task(d.id().value(), new TaskAction.Reboot("old"), T0);
        taskBehindTheMarkersBack(old);
        Task oldDone = task(d.id().value(), new TaskAction.Reboot("old-done"), T0.plusMillis(1));
        taskBehindTheMarkersBack(oldDone.done(new TaskResult.Status(0, 0), T0));
        assertThat(devicesRow(d.id()).isNull("tasks_tracked")).as("as a device written before V014").isTrue();

        SessionStart first = open(here, d.id());
        assertThat(first.pendingTasks()).extracting(Task::id).containsExactly(old.id());
        assertThat(marker(d.id())).as("the pending task's id, at its own write time").containsExactly(old.id().value());
        assertThat(devicesRow(d.id()).getBoolean("tasks_tracked")).isTrue();
        assertThat(open(there, d.id()).pendingTasks()).as("and read through the marker").extracting(Task::id)
                .containsExactly(old.id());

        here.commit(periodic(device(first), old));
        assertThat(marker(d.id())).isEmpty();
        assertThat(open(here, d.id()).pendingTasks()).isEmpty();
    }

    @Test
    void aTaskQueuedForADeviceNotSeenYetIsDeliveredInItsFirstSession() {
        Task early = there.addTask(task("pw-unknown", new TaskAction.Reboot("first"), T0));
        SessionStart first = open(here, new DeviceId("pw-unknown"));
        assertThat(first.snapshot()).isEmpty();
        assertThat(first.pendingTasks()).extracting(Task::id).containsExactly(early.id());
        assertThat(here.findDevice(new DeviceId("pw-unknown"))).as("the marker alone makes no device").isEmpty();
    }

    @Test
    void aDeviceWithoutOperationsIsNotReadForThemUntilAnOperationIsWritten() {
        Device d = stored(here, "pw-ops");
        SessionStart first = open(here, d.id()); // reads the partition, finds it empty: tracked under this summary
        assertThat(first.operations()).isEmpty();
        here.commit(periodic(device(first)));
        assertThat(devicesRow(d.id()).getBoolean("operations_tracked")).as("carried by the commit").isTrue();

        // an operation row written behind the markers' back: a session opening does not read it
        Operation hidden = reboot(d.id().value(), T0);
        keyspace.session().execute(SimpleStatement.newInstance("INSERT INTO " + KEYSPACE + ".operations (device_id, "
                + "task_id, status, kind, record) VALUES (?, ?, ?, ?, ?)", d.id().value(), hidden.taskId().value(),
                hidden.status().name(), hidden.kind().name(), BlobCodec.encodeOperation(hidden)));
        assertThat(open(here, d.id()).operations()).isEmpty();
        assertThat(here.operations(d.id())).as("any other call reads").containsExactly(hidden);

        // an operation a session writes sets has_operations: from then on the sessions read them
        Operation started = reboot(d.id().value(), T0.plusSeconds(1));
        here.commit(new SessionChanges.Builder(device(open(here, d.id()))).operation(started).build());
        assertThat(open(there, d.id()).operations()).containsExactly(hidden, started);
        assertThat(open(here, d.id()).operations()).containsExactly(hidden, started);
    }

    @Test
    void theOperationsMarkerCountsOnlyWhileTheSummaryIsTheOneItWasWrittenWith() {
        Device d = stored(here, "pw-ops-old");
        here.commit(periodic(device(open(here, d.id()))));
        assertThat(open(here, d.id()).operations()).isEmpty();

        // a commit of the version before the markers: a new summary (and its V013 commit marker), an operation, no
        // has_operations
        Row row = keyspace.session().execute(SimpleStatement.newInstance("SELECT summary, writetime(summary) FROM "
                + KEYSPACE + ".devices WHERE device_id = ?", d.id().value())).one();
        ByteBuffer summary = row.getByteBuffer(0);
        long later = row.getLong(1) + 1_000;
        Operation op = reboot(d.id().value(), T0);
        keyspace.session().execute(SimpleStatement.newInstance("BEGIN UNLOGGED BATCH "
                + "INSERT INTO " + KEYSPACE + ".devices (device_id, summary) VALUES (?, ?) USING TIMESTAMP ?; "
                + "INSERT INTO " + KEYSPACE + ".operations (device_id, task_id, status, kind, record) "
                + "VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?; "
                + "UPDATE " + KEYSPACE + ".parameters USING TIMESTAMP ? SET commit_at = ? WHERE device_id = ?; "
                + "APPLY BATCH", d.id().value(), summary, later,
                d.id().value(), op.taskId().value(), op.status().name(), op.kind().name(),
                BlobCodec.encodeOperation(op), later, later, later, d.id().value()));
        assertThat(open(here, d.id()).operations()).containsExactly(op);
    }

    @Test
    void aRetriedCommitAddsItsInformOnceWhetherOrNotTheHistoryIsReadAtItsInstant() {
        Device d = stored(here, "pw-informs");
        InformRecord first = inform(d.id().value(), T0.plusSeconds(1), 0);
        SessionChanges once = new SessionChanges.Builder(d).inform(first).build();
        here.commit(once);
        here.commit(once); // the retry: its instant is the newest stored, so the history is read there
        assertThat(here.informs(d.id(), 10)).containsExactly(first);

        // deleted while a session ran; the session's commit recreates the device with an inform older than the
        // deletion, and is retried: the newest-inform cell written before the deletion does not count
        InformRecord late = inform(d.id().value(), Instant.now().minusSeconds(30), 0);
        here.deleteDevice(d.id());
        SessionChanges recreate = new SessionChanges.Builder(d).inform(late).build();
        here.commit(recreate);
        there.commit(recreate);
        assertThat(here.informs(d.id(), 10)).containsExactly(late);
    }

    @Test
    void theHistoryIsReadAtAnInformsInstantUnlessTheDeviceRowShowsNothingCanBeThere() {
        Instant at = Instant.parse("2026-12-07T10:00:00.000001500Z");
        long micros = CassandraAcsStore.micros(at);
        assertThat(CassandraAcsStore.informsAtNeeded(with(StoredDevice.NONE, StoredDevice.NONE), at))
                .as("no cell: a device before V014").isTrue();
        assertThat(CassandraAcsStore.informsAtNeeded(with(micros - 1, StoredDevice.NONE), at)).isFalse();
        assertThat(CassandraAcsStore.informsAtNeeded(with(micros, StoredDevice.NONE), at))
                .as("the same microsecond: perhaps the same record").isTrue();
        assertThat(CassandraAcsStore.informsAtNeeded(with(micros + 1, StoredDevice.NONE), at)).isTrue();
        assertThat(CassandraAcsStore.informsAtNeeded(with(micros - 1, micros - 1), at))
                .as("not newer than the deletion: writes of it may be shadowed").isTrue();
        assertThat(CassandraAcsStore.informsAtNeeded(with(micros - 1, micros - 2), at)).isFalse();
        assertThat(CassandraAcsStore.micros(Instant.MAX)).isEqualTo(StoredDevice.NONE);
    }

    private static StoredDevice with(long newestInform, long deleted) {
        return new StoredDevice(null, false, 1, 1, 1, 1, Set.of(), false, false, false, newestInform, deleted);
    }

    @Test
    void pendingTasksAndOperationsCalledOnTheirOwnAlwaysReadWhateverWasReadBefore() {
        Device d = stored(here, "pw-own-calls");
        here.commit(periodic(device(open(here, d.id())))); // tracked, clear markers
        Task hidden = task(d.id().value(), new TaskAction.Reboot("hidden"), T0);
        taskBehindTheMarkersBack(hidden);
        Operation hiddenOperation = reboot(d.id().value(), T0);
        keyspace.session().execute(SimpleStatement.newInstance("INSERT INTO " + KEYSPACE + ".operations (device_id, "
                        + "task_id, status, kind, record) VALUES (?, ?, ?, ?, ?)", d.id().value(),
                hiddenOperation.taskId().value(), hiddenOperation.status().name(), hiddenOperation.kind().name(),
                BlobCodec.encodeOperation(hiddenOperation)));

        here.loadSnapshot(d.id()); // once the call that handed its markers on to the next ones on its thread

        assertThat(here.pendingTasks(d.id())).extracting(Task::id).containsExactly(hidden.id());
        assertThat(here.operations(d.id())).containsExactly(hiddenOperation);
        SessionStart start = open(here, d.id());
        assertThat(start.pendingTasks()).as("the markers answer the opening alone").isEmpty();
        assertThat(start.operations()).isEmpty();
        Task mine = here.addTask(task(d.id().value(), new TaskAction.Reboot("mine"), T0.plusMillis(1)));
        assertThat(open(here, d.id()).pendingTasks()).as("a store's own task is in its next opening")
                .extracting(Task::id).containsExactly(hidden.id(), mine.id());
    }
}
