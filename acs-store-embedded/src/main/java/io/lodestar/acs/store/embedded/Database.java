package io.lodestar.acs.store.embedded;

import io.lodestar.acs.store.StoreUnavailableException;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksObject;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RocksDB side of the embedded store: the database in a directory with its column families (see
 * {@link Keys}), its tuning, the layout version check, and every native object it holds, closed together.
 */
final class Database implements AutoCloseable {

    /**
     * The store layout this code writes; a store with a higher one is refused (2 added parameter_index,
     * operations and summary_index; 3 added tokens; 4 added connection_requests; 5 added cpe_credentials; 6 added profiles).
     */
    static final int LAYOUT_VERSION = 6;
    static final String DEFAULT = "default";
    /** Every column family but the default one, which holds the store's own settings. */
    static final List<String> FAMILIES =
            List.of("devices", "parameters", "tasks", "task_index", "informs", "faults", "parameter_index",
                    "operations", "summary_index", "tokens", "connection_requests",
                    "cpe_credentials", "profiles");

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final byte[] LAYOUT_KEY = "lodestar.store.layout".getBytes(StandardCharsets.US_ASCII);

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final RocksDB db;
    private final Map<String, ColumnFamilyHandle> families;
    private final WriteOptions writeOptions;
    /** Everything native but the database and its handles, closed in reverse order. */
    private final List<AutoCloseable> natives;

    private Database(Path dir, RocksDB db, Map<String, ColumnFamilyHandle> families, WriteOptions writeOptions,
                     List<AutoCloseable> natives) {
        this.dir = dir;
        this.db = db;
        this.families = families;
        this.writeOptions = writeOptions;
        this.natives = natives;
    }

    /**
     * Opens the database in {@code dir}: for writing (creating it and any column family an older layout lacks,
     * then marking it with this layout), or read-only with the column families it has.
     *
     * @throws StoreUnavailableException when RocksDB cannot open it (e.g. another writer holds its lock)
     * @throws IllegalStateException     when a newer version wrote it
     */
    static Database open(Path dir, boolean readOnly, boolean sync) {
        List<AutoCloseable> natives = new ArrayList<>();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        RocksDB db = null;
        try {
            LRUCache blockCache = track(natives, new LRUCache(64L << 20));
            BloomFilter bloom = track(natives, new BloomFilter(10, false));
            BlockBasedTableConfig table = new BlockBasedTableConfig()
                    .setBlockCache(blockCache)
                    .setFilterPolicy(bloom)
                    .setBlockSize(16 * 1024)
                    .setCacheIndexAndFilterBlocks(true);
            ColumnFamilyOptions cfOptions = track(natives, new ColumnFamilyOptions()
                    .setTableFormatConfig(table)
                    .setCompressionType(CompressionType.LZ4_COMPRESSION)
                    .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION));
            DBOptions dbOptions = track(natives, new DBOptions()
                    .setCreateIfMissing(!readOnly)
                    .setCreateMissingColumnFamilies(!readOnly)
                    .setKeepLogFileNum(5)
                    .setMaxTotalWalSize(256L << 20)
                    .setInfoLogLevel(org.rocksdb.InfoLogLevel.WARN_LEVEL));
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
            List<String> names = readOnly ? existingFamilies(dir) : FAMILIES;
            for (String name : names) {
                descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.US_ASCII), cfOptions));
            }
            db = readOnly
                    ? RocksDB.openReadOnly(dbOptions, dir.toString(), descriptors, handles)
                    : RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            Map<String, ColumnFamilyHandle> byName = new HashMap<>();
            byName.put(DEFAULT, handles.get(0));
            for (int i = 0; i < names.size(); i++) {
                byName.put(names.get(i), handles.get(i + 1));
            }
            WriteOptions writeOptions = track(natives, new WriteOptions().setSync(sync));
            checkLayout(db, byName.get(DEFAULT), readOnly, dir);
            return new Database(dir, db, byName, writeOptions, natives);
        } catch (RocksDBException | RuntimeException e) {
            handles.forEach(ColumnFamilyHandle::close);
            if (db != null) {
                db.close();
            }
            closeAll(natives);
            if (e instanceof RocksDBException r) {
                throw new StoreUnavailableException("cannot open store " + dir + ": " + r.getMessage(), r);
            }
            throw (RuntimeException) e;
        }
    }

    RocksDB db() {
        return db;
    }

    /** A column family by name; null when a store of an older layout, opened read-only, lacks it. */
    ColumnFamilyHandle family(String name) {
        return families.get(name);
    }

    /** The store's own settings (the default column family). */
    ColumnFamilyHandle meta() {
        return families.get(DEFAULT);
    }

    WriteOptions writeOptions() {
        return writeOptions;
    }

    /**
     * Refuses a store written by a newer version, and marks an older or new one with this layout (the column
     * families missing from an older layout were created by the open).
     */
    private static void checkLayout(RocksDB db, ColumnFamilyHandle meta, boolean readOnly, Path dir)
            throws RocksDBException {
        byte[] v = db.get(meta, LAYOUT_KEY);
        if (v != null && (v.length != 1 || v[0] > LAYOUT_VERSION)) {
            throw new IllegalStateException("store " + dir + " has layout " + (v.length == 1 ? v[0] : "?")
                    + ", this version reads up to " + LAYOUT_VERSION);
        }
        if (!readOnly && (v == null || v[0] < LAYOUT_VERSION)) {
            try (WriteOptions sync = new WriteOptions().setSync(true)) {
                db.put(meta, sync, LAYOUT_KEY, new byte[] {LAYOUT_VERSION});
            }
        }
    }

    /** The column families of {@link #FAMILIES} a store has (an older layout lacks the newer ones). */
    private static List<String> existingFamilies(Path dir) throws RocksDBException {
        Set<String> present = new HashSet<>();
        try (org.rocksdb.Options options = new org.rocksdb.Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(options, dir.toString())) {
                present.add(new String(name, StandardCharsets.US_ASCII));
            }
        }
        return FAMILIES.stream().filter(present::contains).toList();
    }

    private static <T extends RocksObject> T track(List<AutoCloseable> natives, T object) {
        natives.add(object);
        return object;
    }

    private static void closeAll(List<AutoCloseable> natives) {
        for (int i = natives.size() - 1; i >= 0; i--) {
            try {
                natives.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {}", natives.get(i), e);
            }
        }
    }

    /** Closes the handles, the database, then the options, cache and filter it used. */
    @Override
    public void close() {
        families.values().forEach(ColumnFamilyHandle::close);
        try {
            db.closeE();
        } catch (RocksDBException e) {
            LOG.warn("closing store {}", dir, e);
        }
        closeAll(natives);
    }
}
