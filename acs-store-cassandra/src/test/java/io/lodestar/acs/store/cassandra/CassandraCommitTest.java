package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceIdentity;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.DiscoveryState;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.device.Reachability;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.store.DeviceQuery;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.StoreUnavailableException;
import io.lodestar.acs.store.cassandra.CassandraAcsStore.CommitHook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the Cassandra store promises beyond the contract: a commit is one mutation of the device's partition,
 * whole or absent whatever point a crash cuts it at; the device index catches up with the next read; writes
 * order after what is stored even when another node's clock runs ahead; listings merge the shards in id order.
 */
class CassandraCommitTest {

    private static final String KEYSPACE = "commits";
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456789Z");

    @RegisterExtension
    static final CassandraKeyspace keyspace = CassandraKeyspace.emptiedBeforeEachTest(KEYSPACE);

    private CassandraAcsStore store;

    /** What a crash at a commit point looks like to the code after it: nothing more runs. */
    private static final class Crash extends RuntimeException {
        Crash() {
            super("simulated crash");
        }
    }

    @BeforeEach
    void open() {
        store = keyspace.open(IndexedParameters.NONE);
    }

    private static Device device(String id, String productClass, String software, Instant lastInform) {
        return new Device(
                new DeviceIdentity(new DeviceId(id), new DeviceIdStruct("Acme", "00D09E", productClass, "SN-" + id),
                        T0.minusSeconds(3600)),
                new LastContact(lastInform, null, List.of(EventStruct.of(EventStruct.PERIODIC)), "192.0.2.1", "1.4"),
                new Reachability(null), new Inventory("Device.", software, null),
                new DiscoveryState(false, null), Set.of("lab"));
    }

    private static Parameter param(String path, String value) {
        return new Parameter(path, value, "xsd:string", true, T0);
    }

    private static List<String> ids(List<Device> devices) {
        return devices.stream().map(d -> d.id().value()).toList();
    }

    private void crashAt(CommitHook.Point where) {
        store.hook = (point, device) -> {
            if (point == where) {
                throw new Crash();
            }
        };
    }

    private Row deviceRow(String id) {
        return keyspace.session().execute("SELECT index_pending FROM " + KEYSPACE + ".devices WHERE device_id = ?", id)
                .one();
    }

    @Test
    void aCommitCutBeforeTheDeviceBatchLeavesNothingVisible() {
        Device d = device("cut-before", "RG-7", "1.0", T0);
        Task task = Task.queue(d.id(), new TaskAction.Reboot("r"), T0, Duration.ofDays(1));
        InformRecord inform = new InformRecord(d.id(), T0, List.of(EventStruct.of(EventStruct.BOOT)), "192.0.2.1", 0);
        DeviceFault fault = new DeviceFault(d.id(), task.id(), "Reboot", 9002, "busy", T0);
        SessionChanges changes = new SessionChanges.Builder(d).upsert(param("Device.A", "1")).task(task)
                .fault(fault).inform(inform).build();

        crashAt(CommitHook.Point.BEFORE_DEVICE_MUTATION);
        assertThatThrownBy(() -> store.commit(changes)).isInstanceOf(Crash.class);
        store.hook = CommitHook.NONE;

        assertThat(store.findDevice(d.id())).isEmpty();
        assertThat(store.loadSnapshot(d.id())).isEmpty();
        assertThat(store.parameters(d.id(), "")).isEmpty();
        assertThat(store.tasks(d.id())).isEmpty();
        assertThat(store.findTask(task.id())).as("the task-id index entry written before leads nowhere").isEmpty();
        assertThat(store.cancelTask(task.id(), T0)).isEmpty();
        assertThat(store.informs(d.id(), 10)).isEmpty();
        assertThat(store.faults(d.id(), 10)).isEmpty();
        assertThat(store.listDevices(null, 10)).isEmpty();

        store.commit(changes); // the retry (the CPE repeats the session) writes all of it
        assertThat(store.findDevice(d.id())).contains(d);
        assertThat(store.parameters(d.id(), "")).containsExactly(param("Device.A", "1"));
        assertThat(store.findTask(task.id())).contains(task);
        assertThat(store.informs(d.id(), 10)).containsExactly(inform);
        assertThat(store.faults(d.id(), 10)).containsExactly(fault);
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withSoftwareVersion("1.0"), null, 10)))
                .containsExactly("cut-before");
    }

    @Test
    void aCommitCutAfterTheDeviceBatchIsVisibleWholeAndTheNextReadCatchesTheIndexUp() {
        Device v1 = device("cut-after", "RG-7", "1.0", T0);
        store.commit(new SessionChanges.Builder(v1).upsert(param("Device.A", "1")).build());
        Device v2 = device("cut-after", "RG-7", "2.0", T0.plusSeconds(60));
        Task task = Task.queue(v1.id(), new TaskAction.FactoryReset(), T0, Duration.ofDays(1));
        InformRecord inform = new InformRecord(v1.id(), T0.plusSeconds(60), List.of(EventStruct.of(EventStruct.BOOT)),
                "192.0.2.1", 0);

        crashAt(CommitHook.Point.AFTER_DEVICE_MUTATION);
        assertThatThrownBy(() -> store.commit(new SessionChanges.Builder(v2).forgetLearned()
                .upsert(param("Device.B", "2")).task(task).inform(inform).build())).isInstanceOf(Crash.class);
        store.hook = CommitHook.NONE;

        assertThat(deviceRow("cut-after").getBoolean(0)).as("the index lags the summary").isTrue();
        assertThat(store.findDevices(DeviceQuery.ALL.withSoftwareVersion("2.0"), null, 10))
                .as("until the device is read again, a search goes by the old index entry").isEmpty();

        // every view of the device shows the whole session, nothing of it is missing
        DeviceSnapshot s = store.loadSnapshot(v1.id()).orElseThrow();
        assertThat(s.device()).isEqualTo(v2);
        assertThat(s.parameters()).isEqualTo(Map.of("Device.B", param("Device.B", "2")));
        assertThat(store.tasks(v1.id())).containsExactly(task);
        assertThat(store.findTask(task.id())).contains(task);
        assertThat(store.informs(v1.id(), 10)).containsExactly(inform);

        // and that read brought the index up to date
        assertThat(deviceRow("cut-after").isNull(0)).isTrue();
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withSoftwareVersion("2.0"), null, 10)))
                .containsExactly("cut-after");
        assertThat(store.findDevices(DeviceQuery.ALL.withSoftwareVersion("1.0"), null, 10)).isEmpty();
        assertThat(ids(store.findDevices(DeviceQuery.ALL.informedBetween(T0.plusSeconds(60), null), null, 10)))
                .containsExactly("cut-after");
    }

    private Instant indexedLastInform(String id) {
        return keyspace.session().execute("SELECT last_inform_at FROM " + KEYSPACE + ".device_index WHERE shard = ? "
                + "AND device_id = ?", DeviceIndex.shard(new DeviceId(id)), id).one().getInstant(0);
    }

    @Test
    void periodicSessionsWithinOneHourLeaveTheDeviceIndexAloneAndSearchesByLastInformStayExact() {
        // T0 is 10:15:30: the sessions at 10:25:30 and 10:55:30 are in its hour, 11:05:30 is not
        Instant t1 = T0.plusSeconds(600);
        Instant t2 = T0.plusSeconds(2400);
        Instant t3 = T0.plusSeconds(3000);
        store.commit(new SessionChanges.Builder(device("periodic", "RG-7", "1.0", T0)).build());
        store.commit(new SessionChanges.Builder(device("periodic", "RG-7", "1.0", t1)).build());
        store.commit(new SessionChanges.Builder(device("periodic", "RG-7", "1.0", t2)).build());

        assertThat(indexedLastInform("periodic")).as("the index keeps the instant that entered the hour")
                .isEqualTo(DeviceIndex.millis(T0));
        assertThat(deviceRow("periodic").isNull(0)).as("no index flag set for it either").isTrue();
        // the summary decides within the hour
        assertThat(ids(store.findDevices(DeviceQuery.ALL.informedBetween(t2, null), null, 10)))
                .containsExactly("periodic");
        assertThat(ids(store.findDevices(DeviceQuery.ALL.informedBetween(t1.plusSeconds(1), t2.plusNanos(1)), null, 10)))
                .containsExactly("periodic");
        assertThat(store.findDevices(DeviceQuery.ALL.informedBetween(t2.plusNanos(1), null), null, 10)).isEmpty();
        assertThat(store.findDevices(DeviceQuery.ALL.informedBetween(null, t2.minusNanos(1)), null, 10)).isEmpty();
        assertThat(store.findDevices(DeviceQuery.ALL.informedBetween(null, T0), null, 10)).isEmpty();

        store.commit(new SessionChanges.Builder(device("periodic", "RG-7", "1.0", t3)).build());
        assertThat(indexedLastInform("periodic")).as("the next hour writes it").isEqualTo(DeviceIndex.millis(t3));
        assertThat(ids(store.findDevices(DeviceQuery.ALL.informedBetween(t3, t3.plusNanos(1)), null, 10)))
                .containsExactly("periodic");
        assertThat(store.findDevices(DeviceQuery.ALL.informedBetween(null, t2), null, 10)).isEmpty();
        // a change of a searchable field other than the last Inform is written at once
        store.commit(new SessionChanges.Builder(device("periodic", "RG-7", "2.0", t3.plusSeconds(60))).build());
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withSoftwareVersion("2.0"), null, 10)))
                .containsExactly("periodic");
    }

    @Test
    void periodicSessionsAppendInformsAndPruneTheHistoryEveryFewCommitsWhileReadsShowTheNewestFifty() {
        DeviceId id = new DeviceId("appending");
        int n = 300;
        int mostRows = 0;
        for (int i = 0; i < n; i++) {
            Instant at = T0.plusSeconds(300L * i);
            InformRecord inform = new InformRecord(id, at, List.of(EventStruct.of(EventStruct.PERIODIC)), "192.0.2.1", i);
            store.commit(new SessionChanges.Builder(device("appending", "RG-7", "1.0", at)).inform(inform).build());
            int rows = (int) keyspace.session().execute("SELECT count(*) FROM " + KEYSPACE + ".informs WHERE "
                    + "device_id = ?", id.value()).one().getLong(0);
            mostRows = Math.max(mostRows, rows);
            List<InformRecord> shown = store.informs(id, 1000);
            assertThat(shown).hasSize(Math.min(i + 1, CassandraAcsStore.INFORM_HISTORY));
            assertThat(shown.get(0).retryCount()).isEqualTo(i);
        }
        assertThat(mostRows).as("rows stored between two prunes").isGreaterThan(CassandraAcsStore.INFORM_HISTORY)
                .isLessThan(CassandraAcsStore.INFORM_HISTORY + 250);
        assertThat(store.informs(id, 1000)).extracting(InformRecord::retryCount)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).map(k -> n - 1 - k)
                        .boxed().toList());
    }

    @Test
    void aNewDeviceWhoseFirstCommitWasCutAfterItsBatchIsListedOnceRead() {
        Device d = device("cut-new", "RG-7", "1.0", T0);
        crashAt(CommitHook.Point.AFTER_DEVICE_MUTATION);
        assertThatThrownBy(() -> store.commit(new SessionChanges.Builder(d).build())).isInstanceOf(Crash.class);
        store.hook = CommitHook.NONE;

        assertThat(store.listDevices(null, 10)).as("not in the index yet").isEmpty();
        assertThat(store.findDevice(d.id())).contains(d);
        assertThat(ids(store.listDevices(null, 10))).containsExactly("cut-new");
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withTag("lab"), null, 10))).containsExactly("cut-new");
    }

    @Test
    void aSessionIsWrittenAtOneTimestampInOneBatch() {
        Device d = device("one-ts", "RG-7", "1.0", T0);
        Task task = Task.queue(d.id(), new TaskAction.Reboot("r"), T0, Duration.ofDays(1));
        store.commit(new SessionChanges.Builder(d).upsert(param("Device.A", "1")).upsert(param("Device.B", "2"))
                .task(task).inform(new InformRecord(d.id(), T0, List.of(), null, 0))
                .fault(new DeviceFault(d.id(), null, "GetParameterValues", 9005, null, T0)).build());

        Set<Long> times = new HashSet<>();
        String k = " WHERE device_id = 'one-ts'";
        CqlSession cql = keyspace.session();
        times.add(cql.execute("SELECT writetime(summary) FROM " + KEYSPACE + ".devices" + k).one().getLong(0));
        for (Row r : cql.execute("SELECT writetime(reported_at) FROM " + KEYSPACE + ".parameters" + k)) {
            times.add(r.getLong(0));
        }
        times.add(cql.execute("SELECT writetime(record) FROM " + KEYSPACE + ".tasks" + k).one().getLong(0));
        times.add(cql.execute("SELECT writetime(retry_count) FROM " + KEYSPACE + ".informs" + k).one().getLong(0));
        times.add(cql.execute("SELECT writetime(code) FROM " + KEYSPACE + ".faults" + k).one().getLong(0));
        assertThat(times).as("every row of the session carries the commit's one timestamp").hasSize(1);
    }

    @Test
    void aSnapshotNeverPairsOneSessionsSummaryWithAnothersParameters() throws Exception {
        int sessions = 150;
        DeviceId id = new DeviceId("racing");
        store.commit(new SessionChanges.Builder(device("racing", "RG-7", "0", T0)).upsert(param("Device.N", "0"))
                .build());
        Thread writer = new Thread(() -> {
            for (int n = 1; n <= sessions; n++) {
                // each session replaces everything: summary version n, parameters {Device.N = n}
                store.commit(new SessionChanges.Builder(device("racing", "RG-7", Integer.toString(n), T0))
                        .forgetLearned().upsert(param("Device.N", Integer.toString(n))).build());
            }
        }, "writer");
        writer.start();
        int snapshots = 0;
        while (writer.isAlive() || snapshots == 0) {
            DeviceSnapshot s;
            try {
                s = store.loadSnapshot(id).orElseThrow();
            } catch (StoreUnavailableException writtenWithoutPause) {
                continue; // refused rather than torn: the only other allowed outcome
            }
            assertThat(s.parameters()).hasSize(1);
            assertThat(s.parameters().get("Device.N").value()).as("snapshot %d", snapshots)
                    .isEqualTo(s.device().softwareVersion());
            snapshots++;
        }
        writer.join(60_000);
        assertThat(store.loadSnapshot(id).orElseThrow().device().softwareVersion())
                .isEqualTo(Integer.toString(sessions));
    }

    @Test
    void aSummaryAheadOfItsParametersIsNeverPairedWithThem() {
        // what a reader can meet while a commit is being applied: Cassandra applies the devices row of the mutation,
        // then its parameters; here the devices row moves on and its parameters stay behind, for good
        DeviceId id = new DeviceId("summary-ahead");
        store.commit(new SessionChanges.Builder(device("summary-ahead", "RG-7", "1", T0)).upsert(param("Device.N", "1"))
                .build());
        keyspace.session().execute(SimpleStatement.newInstance("UPDATE " + KEYSPACE + ".devices USING TIMESTAMP "
                + WriteClock.reserve(1) + " SET summary = ? WHERE device_id = 'summary-ahead'",
                BlobCodec.encodeSummary(device("summary-ahead", "RG-7", "2", T0))));

        assertThatThrownBy(() -> store.loadSnapshot(id)).as("refused rather than torn")
                .isInstanceOf(StoreUnavailableException.class);

        store.commit(new SessionChanges.Builder(device("summary-ahead", "RG-7", "3", T0)).upsert(param("Device.N", "3"))
                .build());
        DeviceSnapshot whole = store.loadSnapshot(id).orElseThrow();
        assertThat(whole.device().softwareVersion()).isEqualTo("3");
        assertThat(whole.parameters().get("Device.N").value()).isEqualTo("3");
    }

    @Test
    void aFieldALaterUpsertLeavesNullReadsAsNullWithoutATombstone() {
        Device d = device("nulls", "RG-7", "1.0", T0);
        store.commit(new SessionChanges.Builder(d).upsert(new Parameter("Device.X", "old", "xsd:int", true, T0)).build());
        Parameter unknown = new Parameter("Device.X", null, null, null, T0.plusSeconds(1));
        store.commit(new SessionChanges.Builder(d).upsert(unknown).build());

        assertThat(store.parameters(d.id(), "Device.X")).containsExactly(unknown);
        assertThat(store.loadSnapshot(d.id()).orElseThrow().parameters().get("Device.X")).isEqualTo(unknown);
        Row raw = keyspace.session().execute("SELECT value FROM " + KEYSPACE + ".parameters WHERE device_id = 'nulls' "
                + "AND path = 'Device.X'").one();
        assertThat(raw.getString(0)).as("the old cell stays, older than the row's upsert, and so is ignored")
                .isEqualTo("old");
    }

    @Test
    void writesOrderAfterWhatIsStoredEvenWhenAnotherNodesClockIsAhead() {
        Device d = device("skew", "RG-7", "1.0", T0);
        store.commit(new SessionChanges.Builder(d).upsert(param("Device.A", "1")).build());

        // another ACS node, its clock a minute ahead, deletes the device as deleteDevice does
        long ahead = WriteClock.reserve(1) + 60_000_000L;
        keyspace.session().execute(SimpleStatement.newInstance("BEGIN UNLOGGED BATCH "
                + "DELETE FROM " + KEYSPACE + ".devices USING TIMESTAMP " + ahead + " WHERE device_id = 'skew'; "
                + "INSERT INTO " + KEYSPACE + ".devices (device_id, deleted_at) VALUES ('skew', toTimestamp(now())) "
                + "USING TIMESTAMP " + (ahead + 1) + "; "
                + "DELETE FROM " + KEYSPACE + ".parameters USING TIMESTAMP " + ahead + " WHERE device_id = 'skew'; "
                + "APPLY BATCH"));
        assertThat(store.findDevice(d.id())).isEmpty();

        // this node registers it again and a session commits: both land after the deletion
        Device again = Device.register(d.id(), T0.plusSeconds(5));
        assertThat(store.register(again)).isEqualTo(again);
        assertThat(store.findDevice(d.id())).contains(again);
        store.commit(new SessionChanges.Builder(d).upsert(param("Device.B", "2")).build());
        assertThat(store.findDevice(d.id())).contains(d.withTags(Set.of()));
        assertThat(store.parameters(d.id(), "")).containsExactly(param("Device.B", "2"));
        assertThat(store.setTags(d.id(), Set.of("after"))).map(Device::tags).contains(Set.of("after"));
        assertThat(store.findDevice(d.id())).map(Device::tags).contains(Set.of("after"));
    }

    @Test
    void registerNeverOverwritesASessionThatWroteTheDeviceFirst() {
        Device session = device("reg-race", "RG-7", "1.0", T0);
        store.commit(new SessionChanges.Builder(session).build());
        // a registration that had read "unknown" before the session's commit writes below the session's timestamp
        long registerTimestamp = 1;
        keyspace.session().execute(SimpleStatement.newInstance("INSERT INTO " + KEYSPACE + ".devices "
                + "(device_id, summary, tags) VALUES ('reg-race', ?, {'from-register'}) USING TIMESTAMP "
                + registerTimestamp, BlobCodec.encodeSummary(Device.register(session.id(), T0))));
        assertThat(store.findDevice(session.id())).contains(session);
    }

    @Test
    void listingsMergeTheShardsInIdOrderAcrossPages() {
        List<String> all = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 120; i++) {
            all.add(String.format("%06X-RG%%2D7-%08d", random.nextInt(1 << 24), random.nextInt(100_000_000)));
        }
        for (String id : all) {
            String sw = id.hashCode() % 3 == 0 ? "2.0" : "1.0";
            store.commit(new SessionChanges.Builder(device(id, "RG-7", sw, T0)).build());
        }
        Collections.sort(all);
        Set<Integer> shards = new HashSet<>();
        all.forEach(id -> shards.add(DeviceIndex.shard(new DeviceId(id))));
        assertThat(shards).as("the ids spread over the shards").hasSizeGreaterThan(20);

        assertThat(ids(page(DeviceQuery.ALL, 7))).containsExactlyElementsOf(all);
        List<String> v2 = all.stream().filter(id -> id.hashCode() % 3 == 0).toList();
        assertThat(ids(page(DeviceQuery.ALL.withSoftwareVersion("2.0"), 5))).containsExactlyElementsOf(v2);
        assertThat(ids(store.listDevices(new DeviceId(all.get(59)), 3))).containsExactlyElementsOf(all.subList(60, 63));
    }

    private List<Device> page(DeviceQuery q, int size) {
        List<Device> seen = new ArrayList<>();
        DeviceId after = null;
        while (true) {
            List<Device> page = store.findDevices(q, after, size);
            assertThat(page.size()).isLessThanOrEqualTo(size);
            if (page.isEmpty()) {
                return seen;
            }
            seen.addAll(page);
            after = page.get(page.size() - 1).id();
        }
    }

    @Test
    void anEmptyProductClassIsSearchedLikeAnyOther() {
        store.commit(new SessionChanges.Builder(device("no-class", "", "1.0", T0)).build());
        store.commit(new SessionChanges.Builder(device("with-class", "RG-7", "", T0)).build());
        store.register(Device.register(new DeviceId("registered"), T0));
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withProductClass(""), null, 10))).containsExactly("no-class");
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withSoftwareVersion(""), null, 10)))
                .containsExactly("with-class");
    }

    @Test
    void indexEntriesWithoutADeviceAreSkippedAndPagesStillFill() {
        for (String id : List.of("b", "d", "f")) {
            store.commit(new SessionChanges.Builder(device(id, "RG-7", "1.0", T0)).build());
        }
        for (String ghost : List.of("a", "c", "c1", "c2", "e")) {
            keyspace.session().execute(SimpleStatement.newInstance("INSERT INTO " + KEYSPACE + ".device_index "
                    + "(shard, device_id, software_version) VALUES (?, ?, '1.0')",
                    DeviceIndex.shard(new DeviceId(ghost)), ghost));
        }
        assertThat(ids(store.listDevices(null, 3))).containsExactly("b", "d", "f");
        assertThat(ids(store.findDevices(DeviceQuery.ALL.withSoftwareVersion("1.0"), new DeviceId("b"), 2)))
                .containsExactly("d", "f");
    }

    @Test
    void oneCommitWithMoreFaultsThanTheHistoryHoldsKeepsTheNewest() {
        Device d = device("many-faults", "RG-7", "1.0", T0);
        List<DeviceFault> faults = new ArrayList<>();
        int n = CassandraAcsStore.FAULT_HISTORY + 50;
        for (int i = 0; i < n; i++) {
            faults.add(new DeviceFault(d.id(), null, "GetParameterValues", 9000 + i, null, T0.plusSeconds(i)));
        }
        Collections.shuffle(faults, new Random(5));
        SessionChanges.Builder b = new SessionChanges.Builder(d);
        faults.forEach(b::fault);
        store.commit(b.build());
        List<Integer> expected = new ArrayList<>();
        for (int i = n - 1; i >= n - CassandraAcsStore.FAULT_HISTORY; i--) {
            expected.add(9000 + i);
        }
        assertThat(store.faults(d.id(), 1000)).extracting(DeviceFault::code).containsExactlyElementsOf(expected);
    }

    @Test
    void theFaultHistoryIsPrunedInTheStoreByEveryCommitNotOnlyHiddenByTheLimit() {
        Device d = device("pruned", "RG-7", "1.0", T0);
        for (int i = 0; i < CassandraAcsStore.FAULT_HISTORY + 15; i++) {
            store.commit(new SessionChanges.Builder(d)
                    .fault(new DeviceFault(d.id(), null, "Reboot", 9000 + i, "busy", T0.plusSeconds(i))).build());
        }
        long rows = keyspace.session().execute("SELECT count(*) FROM " + KEYSPACE + ".faults WHERE device_id = "
                + "'pruned'").one().getLong(0);
        assertThat(rows).isEqualTo(CassandraAcsStore.FAULT_HISTORY);
        assertThat(store.faults(d.id(), 1).get(0).code()).isEqualTo(9000 + CassandraAcsStore.FAULT_HISTORY + 14);
        // the informs: see periodicSessionsAppendInformsAndPruneTheHistoryEveryFewCommitsWhileReadsShowTheNewestFifty
    }
}
