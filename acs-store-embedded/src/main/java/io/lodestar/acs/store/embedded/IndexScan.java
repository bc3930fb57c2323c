package io.lodestar.acs.store.embedded;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

import java.util.Arrays;

/**
 * A scan of index entries {@code prefix device}: the devices an index holds under one prefix (a field and its
 * value), in device order, from after a cursor. Shared by the parameter index and the summary index.
 */
final class IndexScan {

    private IndexScan() {}

    @FunctionalInterface
    interface DeviceVisitor {
        /** Returns whether to go on. */
        boolean visit(byte[] device) throws RocksDBException;
    }

    /** Visits the devices under {@code prefix}, after {@code after} (exclusive; null from the first). */
    static void devices(RocksDB db, ColumnFamilyHandle index, ReadOptions ro, byte[] prefix, byte[] after,
                        DeviceVisitor visitor) throws RocksDBException {
        try (RocksIterator it = db.newIterator(index, ro)) {
            for (it.seek(after == null ? prefix : Keys.concat(prefix, after)); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!Keys.startsWith(key, prefix)) {
                    break;
                }
                byte[] dev = Arrays.copyOfRange(key, prefix.length, key.length);
                if (after != null && Arrays.equals(dev, after)) {
                    continue;
                }
                if (!visitor.visit(dev)) {
                    break;
                }
            }
            it.status();
        }
    }
}
