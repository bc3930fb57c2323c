package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.InformRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.lodestar.acs.store.StoreTestData.INDEXED;
import static io.lodestar.acs.store.StoreTestData.T0;
import static io.lodestar.acs.store.StoreTestData.fullDevice;
import static io.lodestar.acs.store.StoreTestData.id;
import static io.lodestar.acs.store.StoreTestData.inform;
import static io.lodestar.acs.store.StoreTestData.session;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the history heads of the embedded store keep true (see {@link HistoryFamily}): the newest records by
 * instant, whatever order they come in; at most the keep and its pruning step on disk; stores written before the
 * heads; a device's deletion taking its head with it.
 */
class HistoryFamilyTest {

    private static final int KEEP = RocksAcsStore.INFORM_HISTORY;

    @TempDir
    Path dir;
    private RocksAcsStore store;

    @BeforeEach
    void open() {
        store = RocksAcsStore.open(dir, INDEXED);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void informsInAnyOrderOfTheirInstantsLeaveTheNewestByInstant() {
        Device d = fullDevice("dev-shuffled");
        List<InformRecord> all = new ArrayList<>();
        for (int i = 0; i < 3 * KEEP; i++) {
            all.add(inform("dev-shuffled", T0.plusSeconds(i), i));
        }
        List<InformRecord> arrival = new ArrayList<>(all);
        Collections.shuffle(arrival, new Random(21));

        arrival.forEach(r -> store.commit(session(d).inform(r).build()));

        List<InformRecord> newest = new ArrayList<>(all.subList(all.size() - KEEP, all.size()));
        Collections.reverse(newest);
        assertThat(store.informs(d.id(), 1_000)).containsExactlyElementsOf(newest);
    }

    @Test
    void theDiskHoldsAtMostTheKeepAndOnePruningStepAndTheHeadCountsThem() throws Exception {
        Device d = fullDevice("dev-many");
        for (int i = 0; i < 10 * KEEP + 3; i++) {
            store.commit(session(d).inform(inform("dev-many", T0.plusSeconds(i), i)).build());
        }
        store.close();

        List<byte[]> stored = rawRecords("dev-many");
        assertThat(stored.size()).isBetween(KEEP, KEEP + KEEP / 5);
        store = RocksAcsStore.open(dir, INDEXED);
        assertThat(store.informs(d.id(), 1_000)).hasSize(KEEP).first()
                .extracting(InformRecord::retryCount).isEqualTo(10 * KEEP + 2);
    }

    @Test
    void replayingACommitOlderThanTheNewestInformAddsNothing() {
        Device d = fullDevice("dev-replay");
        InformRecord first = inform("dev-replay", T0, 0);
        store.commit(session(d).inform(first).build());
        store.commit(session(d).inform(inform("dev-replay", T0.plusSeconds(60), 1)).build());

        store.commit(session(d).inform(first).build());

        assertThat(store.informs(d.id(), 10)).extracting(InformRecord::retryCount).containsExactly(1, 0);
    }

    @Test
    void aHistoryWrittenBeforeHeadsExistedIsPrunedWholeAtItsNextInform() throws Exception {
        Device d = fullDevice("dev-headless");
        for (int i = 0; i < KEEP; i++) {
            store.commit(session(d).inform(inform("dev-headless", T0.plusSeconds(i), i)).build());
        }
        store.close();
        withRawInforms((db, informs) -> {
            // what a store of an earlier build holds: the records of the device and no head; here 20 more of them
            for (int i = KEEP; i < KEEP + 20; i++) {
                db.put(informs, Keys.history(Keys.device(d.id()), T0.plusSeconds(i), 1_000 + i),
                        RecordCodec.encodeInform(inform("dev-headless", T0.plusSeconds(i), i)));
            }
            db.delete(informs, Keys.historyHead(Keys.device(d.id())));
        });
        store = RocksAcsStore.open(dir, INDEXED);

        store.commit(session(d).inform(inform("dev-headless", T0.plusSeconds(KEEP + 20), KEEP + 20)).build());
        store.commit(session(d).inform(inform("dev-headless", T0.plusSeconds(KEEP + 21), KEEP + 21)).build());

        List<InformRecord> kept = store.informs(d.id(), 1_000);
        assertThat(kept).hasSize(KEEP).extracting(InformRecord::at).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(kept.get(0).retryCount()).isEqualTo(KEEP + 21);
        assertThat(kept.get(KEEP - 1).at()).isEqualTo(T0.plusSeconds(22));
        store.close();
        assertThat(rawRecords("dev-headless")).hasSize(KEEP + 1); // pruned to the keep, then one appended
        store = RocksAcsStore.open(dir, INDEXED);
    }

    @Test
    void deletingADeviceDeletesItsHistoryHeads() throws Exception {
        Device d = fullDevice("dev-deleted");
        store.commit(session(d).inform(inform("dev-deleted", T0, 0)).build());

        store.deleteDevice(d.id());
        store.commit(session(d).inform(inform("dev-deleted", T0.plusSeconds(1), 1)).build());

        assertThat(store.informs(d.id(), 10)).extracting(InformRecord::retryCount).containsExactly(1);
        store.close();
        withRawInforms((db, informs) -> assertThat(db.get(informs, Keys.historyHead(Keys.device(d.id()))))
                .isNotNull());
        store = RocksAcsStore.open(dir, INDEXED);
        store.deleteDevice(d.id());
        store.close();
        withRawInforms((db, informs) -> assertThat(db.get(informs, Keys.historyHead(Keys.device(d.id())))).isNull());
        store = RocksAcsStore.open(dir, INDEXED);
    }

    private interface RawWork {
        void run(RocksDB db, ColumnFamilyHandle informs) throws Exception;
    }

    /** Opens the closed store's RocksDB directly, as a store of an earlier build left it or to look inside. */
    private void withRawInforms(RawWork work) throws Exception {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (String name : Database.FAMILIES) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.US_ASCII)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions();
             RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
            work.run(db, handles.get(1 + Database.FAMILIES.indexOf("informs")));
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    /** The keys of a device's inform records on disk (not its head). */
    private List<byte[]> rawRecords(String device) throws Exception {
        List<byte[]> keys = new ArrayList<>();
        byte[] dev = Keys.device(id(device));
        withRawInforms((db, informs) -> {
            try (RocksIterator it = db.newIterator(informs)) {
                for (it.seek(Keys.deviceStart(dev)); it.isValid(); it.next()) {
                    if (Keys.compare(it.key(), Keys.deviceEnd(dev)) >= 0) {
                        break;
                    }
                    keys.add(it.key());
                }
            }
        });
        return keys;
    }
}
