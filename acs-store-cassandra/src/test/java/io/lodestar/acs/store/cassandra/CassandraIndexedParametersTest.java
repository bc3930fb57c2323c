package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.store.DeviceQuery;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.UnindexedParameterException;
import io.lodestar.acs.store.cassandra.CassandraAcsStore.CommitHook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.lodestar.acs.store.cassandra.IndexFixtures.SERIAL;
import static io.lodestar.acs.store.cassandra.IndexFixtures.MAC;
import static io.lodestar.acs.store.cassandra.IndexFixtures.device;
import static io.lodestar.acs.store.cassandra.IndexFixtures.param;
import static io.lodestar.acs.store.cassandra.IndexFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The indexed parameters' entries ({@code device_index.params}) beyond the contract: a commit cut between its
 * batch and the index write is caught up by the next read or write of the device, a stale entry never makes a
 * device match, sessions that change no indexed value write nothing to the index (and no tombstones), and a
 * backfill writes at the parameters' own write times.
 */
class CassandraIndexedParametersTest {

    private static final String KEYSPACE = "indexed_params";
    private static final IndexedParameters INDEXED = IndexedParameters.of(SERIAL, MAC);

    @RegisterExtension
    static final CassandraKeyspace keyspace = CassandraKeyspace.emptiedBeforeEachTest(KEYSPACE);

    private static IndexFixtures rows;
    private CassandraAcsStore store;

    private static final class Crash extends RuntimeException {
        Crash() {
            super("simulated crash");
        }
    }

    @BeforeAll
    static void fixtures() {
        rows = new IndexFixtures(keyspace.cassandra(), KEYSPACE);
    }

    @BeforeEach
    void open() {
        store = keyspace.open(INDEXED);
    }

    private void reopen(IndexedParameters indexed) {
        store.close();
        store = keyspace.open(indexed);
    }

    private List<String> byParameter(String path, String value) {
        return IndexFixtures.byParameter(store, path, value);
    }

    private void crashAfterTheBatch() {
        store.hook = (point, device) -> {
            if (point == CommitHook.Point.AFTER_DEVICE_MUTATION) {
                throw new Crash();
            }
        };
    }

    @Test
    void aCommitCutAfterItsBatchLeavesStaleEntriesThatNeverMatchAndTheNextReadRepairsThem() {
        store.commit(session("cut", param(SERIAL, "S-1"), param(MAC, "m-1")));
        assertThat(rows.entries("cut")).isEqualTo(Map.of(SERIAL, "S-1", MAC, "m-1"));

        crashAfterTheBatch();
        SessionChanges next = new SessionChanges.Builder(device("cut")).deleteSubtree("Device.Ethernet.")
                .upsert(param(SERIAL, "S-2")).build();
        assertThatThrownBy(() -> store.commit(next)).isInstanceOf(Crash.class);
        store.hook = CommitHook.NONE;

        assertThat(rows.flag("cut").getBoolean(0)).as("the index lags the device").isTrue();
        assertThat(rows.entries("cut")).as("the entries of before the cut").isEqualTo(Map.of(SERIAL, "S-1", MAC, "m-1"));
        assertThat(byParameter(SERIAL, "S-2")).as("until the device is read again, a search misses it").isEmpty();
        // the stale entries name the device, the parameters deny it: no false positive
        assertThat(byParameter(MAC, "m-1")).isEmpty();
        assertThat(byParameter(SERIAL, "S-1")).isEmpty();

        // reading the candidate brought the entries up to the parameters, at their write times
        assertThat(rows.flag("cut").isNull(0)).isTrue();
        assertThat(rows.entries("cut")).isEqualTo(Map.of(SERIAL, "S-2"));
        assertThat(rows.entryWritetime("cut", SERIAL)).isEqualTo(rows.valueWritetime("cut", SERIAL));
        assertThat(byParameter(SERIAL, "S-2")).containsExactly("cut");
    }

    @Test
    void findDeviceAndTheNextCommitOrSetTagsAlsoRepairTheEntries() {
        for (String id : List.of("by-read", "by-commit", "by-tags")) {
            store.commit(session(id, param(SERIAL, "old")));
            crashAfterTheBatch();
            assertThatThrownBy(() -> store.commit(session(id, param(SERIAL, "new-" + id)))).isInstanceOf(Crash.class);
            store.hook = CommitHook.NONE;
            assertThat(rows.entries(id)).isEqualTo(Map.of(SERIAL, "old"));
        }

        assertThat(store.findDevice(new DeviceId("by-read"))).isPresent();
        // a session that does not touch the indexed parameters, after the cut one
        store.commit(session("by-commit", param("Device.DeviceInfo.UpTime", "100")));
        assertThat(store.setTags(new DeviceId("by-tags"), Set.of("x"))).isPresent();

        for (String id : List.of("by-read", "by-commit", "by-tags")) {
            assertThat(rows.entries(id)).as(id).isEqualTo(Map.of(SERIAL, "new-" + id));
            assertThat(rows.flag(id).isNull(0)).as(id).isTrue();
            assertThat(byParameter(SERIAL, "new-" + id)).containsExactly(id);
        }
        assertThat(byParameter(SERIAL, "old")).isEmpty();
    }

    @Test
    void staleEntriesNeverMatchAndPagesStillFill() {
        store.commit(session("a", param(SERIAL, "X")));
        store.commit(session("b", param(SERIAL, "B")));
        store.commit(session("c", param(SERIAL, "C")));
        store.commit(session("d", param(SERIAL, "X")));
        store.commit(session("e"));
        // entries that say X behind the store's back, newer than anything stored, without a pending flag
        long later = WriteClock.reserve(1) + 1_000_000;
        for (String id : List.of("b", "c", "e", "ghost")) {
            rows.writeEntry(id, SERIAL, "X", later);
        }
        assertThat(byParameter(SERIAL, "X")).containsExactly("a", "d");
        assertThat(store.findDevices(DeviceQuery.ALL.withParameter(SERIAL, "X"), new DeviceId("a"), 1))
                .extracting(dv -> dv.id().value()).containsExactly("d");
        assertThat(store.findDevices(DeviceQuery.ALL.withParameter(SERIAL, "X"), null, 2))
                .extracting(dv -> dv.id().value()).containsExactly("a", "d");
    }

    @Test
    void sessionsThatChangeNoIndexedValueWriteNothingToTheIndexAndNoTombstones() {
        store.commit(session("quiet", param(SERIAL, "S")));
        long written = rows.entryWritetime("quiet", SERIAL);

        // the same value reported again, and a bootstrap that learns it again without the MAC it never had
        store.commit(session("quiet", param(SERIAL, "S"), param("Device.DeviceInfo.UpTime", "5")));
        store.commit(new SessionChanges.Builder(device("quiet")).forgetLearned().upsert(param(SERIAL, "S")).build());
        assertThat(rows.entryWritetime("quiet", SERIAL)).as("not written again").isEqualTo(written);
        Row flag = rows.flag("quiet");
        assertThat(flag.isNull(1)).as("no index_pending flag written either").isTrue();

        // no tombstone for the MAC at the bootstrap's delete time: an entry written at that time still reads
        long bootstrapDeletes = flag.getLong(2) - 1;
        rows.writeEntry("quiet", MAC, "probe", bootstrapDeletes);
        assertThat(rows.entries("quiet")).containsEntry(MAC, "probe");
    }

    @Test
    void aBackfillWritesAtTheParametersWriteTimesAndRecordsWhatTheIndexCovers() {
        assertThat(rows.setting("indexed_parameters")).isEqualTo(INDEXED.toString());
        reopen(IndexedParameters.NONE);
        assertThat(rows.setting("indexed_parameters")).as("shrunk to what this node keeps up to date").isEmpty();
        assertThat(store.indexedParameters()).isEqualTo(IndexedParameters.NONE);
        store.close();
        store = keyspace.open(IndexedParameters.NONE);
        assertThat(store.indexedParameters()).as("open(config) indexes nothing").isEqualTo(IndexedParameters.NONE);
        assertThatThrownBy(() -> byParameter(SERIAL, "S")).isInstanceOf(UnindexedParameterException.class);

        store.commit(session("has", param(SERIAL, "S"), param(MAC, "m")));
        store.commit(session("lacks", param(MAC, "m")));
        // an entry left from before (it lacks the serial now), older than the device's summary
        rows.writeEntry("lacks", SERIAL, "S", rows.flag("lacks").getLong(2) - 10);
        assertThat(rows.entries("has")).isEmpty();

        reopen(IndexedParameters.of(SERIAL));

        assertThat(rows.setting("indexed_parameters")).isEqualTo(SERIAL);
        assertThat(rows.entries("has")).isEqualTo(Map.of(SERIAL, "S"));
        assertThat(rows.entryWritetime("has", SERIAL)).isEqualTo(rows.valueWritetime("has", SERIAL));
        assertThat(rows.entries("lacks")).as("the stale entry removed at the summary's time").isEmpty();
        assertThat(byParameter(SERIAL, "S")).containsExactly("has");
        assertThatThrownBy(() -> byParameter(MAC, "m")).isInstanceOf(UnindexedParameterException.class)
                .hasMessageContaining(MAC);
    }

    @Test
    void aToolOpeningWithoutAListSearchesByTheRecordedOneAndChangesNoRecord() {
        store.commit(session("tool-1", param(SERIAL, "S-tool")));
        store.close();
        store = keyspace.open(null);

        assertThat(store.indexedParameters()).isEqualTo(INDEXED);
        assertThat(byParameter(SERIAL, "S-tool")).containsExactly("tool-1");
        store.commit(session("tool-2", param(MAC, "m-tool")));
        assertThat(byParameter(MAC, "m-tool")).as("and keeps the recorded paths up to date").containsExactly("tool-2");
        assertThat(rows.setting("indexed_parameters")).isEqualTo(INDEXED.toString());
    }
}
