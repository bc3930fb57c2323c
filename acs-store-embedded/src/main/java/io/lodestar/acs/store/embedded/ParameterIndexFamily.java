package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.parameter.ParameterPaths;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.store.IndexedParameters;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code parameter_index} column family: an entry {@code path 00 value 00 device} for every device whose
 * indexed parameter {@code path} has a value, so that a search by value is one prefix scan, in device order.
 *
 * <p>The entries change in the same {@link WriteBatch} as the parameters they mirror, so the index is exact:
 * never ahead of the data, never behind it, also across a crash. The old entry is found through the stored
 * parameter (the parameters column family is the reverse map), read under the commit's device lock.
 *
 * <p>The meta column family records the paths whose entries are complete. When the store is opened with
 * paths it did not index before, {@link #rebuild} indexes every stored device for them before the store is
 * used; paths no longer configured lose their entries.
 */
final class ParameterIndexFamily {

    private static final Logger LOG = LoggerFactory.getLogger(ParameterIndexFamily.class);
    private static final byte[] RECORDED_KEY = "lodestar.store.indexed-parameters".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTY = new byte[0];
    /** Writes per batch while rebuilding: bounded memory whatever the fleet. */
    private static final int REBUILD_BATCH = 10_000;

    private final RocksDB db;
    private final ColumnFamilyHandle index;
    private final ColumnFamilyHandle parameters;
    private final IndexedParameters indexed;

    ParameterIndexFamily(RocksDB db, ColumnFamilyHandle index, ColumnFamilyHandle parameters, IndexedParameters indexed) {
        this.db = db;
        this.index = index;
        this.parameters = parameters;
        this.indexed = indexed;
    }

    IndexedParameters indexed() {
        return indexed;
    }

    /**
     * Adds to a session's batch the index changes its parameter changes imply. Reads the values stored before
     * the batch, so it must run before the batch is written, under the device's lock.
     */
    void commit(WriteBatch batch, ReadOptions ro, byte[] dev, SessionChanges changes) throws RocksDBException {
        for (String path : indexed.paths()) {
            Parameter upserted = changes.upserts().get(path);
            boolean deleted = upserted == null && (changes.forgetLearned()
                    || changes.deletedSubtrees().stream().anyMatch(subtree -> ParameterPaths.isUnder(path, subtree)));
            if (upserted == null && !deleted) {
                continue; // untouched by this session
            }
            String now = upserted == null ? null : upserted.value();
            String before = storedValue(ro, dev, path);
            if (Objects.equals(before, now)) {
                continue;
            }
            if (before != null) {
                batch.delete(index, Keys.indexEntry(path, before, dev));
            }
            if (now != null) {
                batch.put(index, Keys.indexEntry(path, now, dev), EMPTY);
            }
        }
    }

    /** Adds to a device deletion's batch the removal of the device's entries. */
    void delete(WriteBatch batch, ReadOptions ro, byte[] dev) throws RocksDBException {
        for (String path : indexed.paths()) {
            String before = storedValue(ro, dev, path);
            if (before != null) {
                batch.delete(index, Keys.indexEntry(path, before, dev));
            }
        }
    }

    /** The stored value of a device's parameter; null when the device has no such parameter or no value. */
    String storedValue(ReadOptions ro, byte[] dev, String path) throws RocksDBException {
        byte[] v = db.get(parameters, ro, Keys.parameter(dev, path));
        return v == null ? null : RecordCodec.decodeParameter(path, v).value();
    }

    ColumnFamilyHandle family() {
        return index;
    }

    /** The paths whose entries are complete, as recorded in the meta column family (none in a new store). */
    static IndexedParameters recorded(RocksDB db, ColumnFamilyHandle meta) throws RocksDBException {
        byte[] v = db.get(meta, RECORDED_KEY);
        return v == null ? IndexedParameters.NONE : IndexedParameters.parse(new String(v, StandardCharsets.UTF_8));
    }

    /**
     * Makes the entries match {@code configured}: drops those of paths no longer indexed, and indexes every
     * stored device for the paths new to the index (their range is cleared first, so that entries left by an
     * interrupted rebuild never linger), then records {@code configured}. Interrupted, it starts over at the
     * next open: every step can be repeated.
     */
    static void rebuild(RocksDB db, ColumnFamilyHandle meta, ColumnFamilyHandle devices, ColumnFamilyHandle index,
                        ColumnFamilyHandle parameters, IndexedParameters configured, WriteOptions wo)
            throws RocksDBException {
        IndexedParameters recorded = recorded(db, meta);
        if (recorded.equals(configured)) {
            return;
        }
        long started = System.nanoTime();
        Set<String> dropped = recorded.minus(configured);
        Set<String> added = configured.minus(recorded);
        try (WriteBatch batch = new WriteBatch()) {
            for (String path : added.isEmpty() ? dropped : union(dropped, added)) {
                byte[] prefix = Keys.indexPathPrefix(path);
                batch.deleteRange(index, prefix, Keys.prefixEnd(prefix));
            }
            db.write(wo, batch);
        }
        long devicesSeen = 0;
        long entries = 0;
        if (!added.isEmpty()) {
            ParameterIndexFamily reader = new ParameterIndexFamily(db, index, parameters, configured);
            try (ReadOptions ro = new ReadOptions(); RocksIterator it = db.newIterator(devices, ro);
                 WriteBatch batch = new WriteBatch()) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    byte[] dev = it.key();
                    devicesSeen++;
                    for (String path : added) {
                        String value = reader.storedValue(ro, dev, path);
                        if (value != null) {
                            batch.put(index, Keys.indexEntry(path, value, dev), EMPTY);
                            entries++;
                        }
                    }
                    if (batch.count() >= REBUILD_BATCH) {
                        db.write(wo, batch);
                        batch.clear();
                    }
                }
                it.status();
                db.write(wo, batch);
            }
        }
        try (WriteOptions sync = new WriteOptions().setSync(true)) {
            db.put(meta, sync, RECORDED_KEY, configured.toString().getBytes(StandardCharsets.UTF_8));
        }
        LOG.info("parameter index rebuilt in {} ms: {} path(s) added {} ({} entries over {} devices), {} dropped {}",
                (System.nanoTime() - started) / 1_000_000, added.size(), added, entries, devicesSeen,
                dropped.size(), dropped);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.TreeSet<String> u = new java.util.TreeSet<>(a);
        u.addAll(b);
        return u;
    }
}
