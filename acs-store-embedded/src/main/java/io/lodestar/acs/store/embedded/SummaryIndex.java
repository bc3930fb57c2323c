package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.store.DeviceQuery;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code summary_index} column family: {@code field 00 value 00 device} for a device's product class,
 * software version and each of its tags, so that a search on one of them reads the devices that have the
 * value rather than every device. Entries change in the same batch as the summary they mirror.
 *
 * <p>The meta column family says when the entries are complete; until then (a store of layout 1 opened
 * read-only) searches scan the summaries as before. A store opened for writing builds them first.
 */
final class SummaryIndex {

    private static final Logger LOG = LoggerFactory.getLogger(SummaryIndex.class);
    private static final byte[] COMPLETE_KEY = "lodestar.store.summary-index".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];
    private static final int REBUILD_BATCH = 10_000;

    static final String PRODUCT_CLASS = "productClass";
    static final String SOFTWARE_VERSION = "softwareVersion";
    static final String TAG = "tag";

    private final ColumnFamilyHandle index;
    private final boolean complete;

    SummaryIndex(ColumnFamilyHandle index, boolean complete) {
        this.index = index;
        this.complete = index != null && complete;
    }

    ColumnFamilyHandle family() {
        return index;
    }

    /** Whether searches may use the entries. */
    boolean usable() {
        return complete;
    }

    /** Whether the entries are complete, as recorded. */
    static boolean recordedComplete(RocksDB db, ColumnFamilyHandle meta) throws RocksDBException {
        return db.get(meta, COMPLETE_KEY) != null;
    }

    /** Adds to a batch the changes that take the entries of {@code before} to those of {@code after} (null: none). */
    void update(WriteBatch batch, byte[] dev, Device before, Device after) throws RocksDBException {
        if (before != null && after != null && sameEntries(before, after)) {
            return; // a periodic session changes none of the indexed fields: no keys to build and compare
        }
        Set<ByteBuffer> old = before == null ? Set.of() : entries(before, dev);
        Set<ByteBuffer> now = after == null ? Set.of() : entries(after, dev);
        for (ByteBuffer k : old) {
            if (!now.contains(k)) {
                batch.delete(index, k.array());
            }
        }
        for (ByteBuffer k : now) {
            if (!old.contains(k)) {
                batch.put(index, k.array(), EMPTY);
            }
        }
    }

    /** Whether two versions of a device have the same entries: the fields {@link #entries} reads are equal. */
    static boolean sameEntries(Device a, Device b) {
        return Objects.equals(productClassOf(a), productClassOf(b))
                && Objects.equals(a.softwareVersion(), b.softwareVersion())
                && a.tags().equals(b.tags());
    }

    private static String productClassOf(Device d) {
        return d.deviceIdStruct() == null ? null : d.deviceIdStruct().productClass();
    }

    private static Set<ByteBuffer> entries(Device d, byte[] dev) {
        Set<ByteBuffer> out = new HashSet<>();
        String pc = productClassOf(d);
        if (pc != null) {
            out.add(ByteBuffer.wrap(Keys.indexEntry(PRODUCT_CLASS, pc, dev)));
        }
        if (d.softwareVersion() != null) {
            out.add(ByteBuffer.wrap(Keys.indexEntry(SOFTWARE_VERSION, d.softwareVersion(), dev)));
        }
        for (String tag : d.tags()) {
            out.add(ByteBuffer.wrap(Keys.indexEntry(TAG, tag, dev)));
        }
        return out;
    }

    /**
     * The prefix of the entries a search can read instead of every summary: its tag, else its software
     * version, else its product class (the narrower first, as fleets usually go); null when it names none.
     */
    static byte[] prefixFor(DeviceQuery q) {
        if (q.tag() != null) {
            return Keys.indexValuePrefix(TAG, q.tag());
        }
        if (q.softwareVersion() != null) {
            return Keys.indexValuePrefix(SOFTWARE_VERSION, q.softwareVersion());
        }
        if (q.productClass() != null) {
            return Keys.indexValuePrefix(PRODUCT_CLASS, q.productClass());
        }
        return null;
    }

    /**
     * Builds the entries of every stored device when they are not recorded as complete (a new store, or one
     * of layout 1), then records them so. Interrupted, it starts over at the next open.
     */
    static void buildIfIncomplete(RocksDB db, ColumnFamilyHandle meta, ColumnFamilyHandle devices,
                                  ColumnFamilyHandle index, WriteOptions wo) throws RocksDBException {
        if (recordedComplete(db, meta)) {
            return;
        }
        long started = System.nanoTime();
        long count = 0;
        SummaryIndex building = new SummaryIndex(index, false);
        try (WriteBatch clear = new WriteBatch()) {
            clear.deleteRange(index, new byte[] {0}, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            db.write(wo, clear);
        }
        try (RocksIterator it = db.newIterator(devices); WriteBatch batch = new WriteBatch()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                building.update(batch, it.key(), null, RecordCodec.decodeDevice(it.value()));
                count++;
                if (batch.count() >= REBUILD_BATCH) {
                    db.write(wo, batch);
                    batch.clear();
                }
            }
            it.status();
            db.write(wo, batch);
        }
        try (WriteOptions sync = new WriteOptions().setSync(true)) {
            db.put(meta, sync, COMPLETE_KEY, new byte[] {1});
        }
        if (count > 0) {
            LOG.info("summary index built for {} devices in {} ms", count, (System.nanoTime() - started) / 1_000_000);
        }
    }
}
