package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.store.ProfileStatusReport;
import io.lodestar.acs.store.ProfileStore;
import io.lodestar.acs.store.ProfileValueKey;
import io.lodestar.acs.store.StoredProfileTemplate;
import io.lodestar.acs.store.codec.ProfileEncoding;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code profiles} column family (layout 6), one kind of entry per leading byte, text in the order-preserving
 * 0x00-free form of {@link Keys} so that 0x00 separates the parts:
 *
 * <pre>
 * 't' name                              → template ({@link ProfileEncoding})
 * 'v' scope(1) owner 00 name            → value (UTF-8)
 * 'k' scope 00 owner                    → sealed key (as given: sealed by the ACS)
 * 's' device 00 at(12) seq(8)           → status report ({@link ProfileEncoding}), oldest first
 * </pre>
 *
 * Each write is one synced put or delete; adding a status report drops the oldest beyond
 * {@link ProfileStore#STATUS_REPORTS_KEPT} in the same batch, under this family's lock. A store of an older layout
 * opened read-only has no such family ({@code family} null): it holds no profile data.
 */
final class ProfileFamily {

    private static final byte TEMPLATE = 't';
    private static final byte VALUE = 'v';
    private static final byte KEY = 'k';
    private static final byte REPORT = 's';

    private final RocksDB db;
    private final ColumnFamilyHandle family;
    private final WriteOptions writeOptions;
    private final Lock writes = new ReentrantLock();
    /** Orders reports of one instant; seeded from the clock so that a restart does not reuse numbers. */
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    ProfileFamily(RocksDB db, ColumnFamilyHandle family, WriteOptions writeOptions) {
        this.db = db;
        this.family = family;
        this.writeOptions = writeOptions;
    }

    // ---- templates

    void putTemplate(StoredProfileTemplate t) throws RocksDBException {
        db.put(family, writeOptions, templateKey(t.name()), ProfileEncoding.encode(t));
    }

    Optional<StoredProfileTemplate> findTemplate(String name) throws RocksDBException {
        return get(templateKey(name)).map(ProfileEncoding::decodeTemplate);
    }

    List<StoredProfileTemplate> templates() {
        List<StoredProfileTemplate> out = new ArrayList<>();
        scan(new byte[] {TEMPLATE}, (k, v) -> out.add(ProfileEncoding.decodeTemplate(v)));
        return out;
    }

    boolean deleteTemplate(String name) throws RocksDBException {
        return deleteIfPresent(templateKey(name));
    }

    // ---- values

    void putValue(ProfileValueKey key, String value) throws RocksDBException {
        db.put(family, writeOptions, valueKey(key), value.getBytes(StandardCharsets.UTF_8));
    }

    Optional<String> findValue(ProfileValueKey key) throws RocksDBException {
        return get(valueKey(key)).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    Map<String, String> values(ProfileValueKey.Scope scope, String owner) {
        byte[] prefix = Keys.deviceStart(Keys.concat(new byte[] {VALUE, (byte) scope.ordinal()}, Keys.text(owner)));
        Map<String, String> out = new TreeMap<>();
        scan(prefix, (k, v) -> out.put(Keys.decodeText(k, prefix.length, k.length), new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    boolean deleteValue(ProfileValueKey key) throws RocksDBException {
        return deleteIfPresent(valueKey(key));
    }

    // ---- keys

    void putKey(String scope, String owner, byte[] sealed) throws RocksDBException {
        db.put(family, writeOptions, keyKey(scope, owner), sealed.clone());
    }

    Optional<byte[]> findKey(String scope, String owner) throws RocksDBException {
        return get(keyKey(scope, owner));
    }

    boolean deleteKey(String scope, String owner) throws RocksDBException {
        return deleteIfPresent(keyKey(scope, owner));
    }

    // ---- status reports

    void addReport(DeviceId device, ProfileStatusReport report) throws RocksDBException {
        byte[] dev = Keys.concat(new byte[] {REPORT}, Keys.device(device));
        byte[] key = Keys.history(dev, report.at(), sequence.incrementAndGet());
        writes.lock();
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(family, key, ProfileEncoding.encode(report));
            List<byte[]> existing = new ArrayList<>();
            scan(Keys.deviceStart(dev), (k, v) -> existing.add(k));
            existing.add(key);
            existing.sort(Keys::compare);
            for (int i = 0; i < existing.size() - ProfileStore.STATUS_REPORTS_KEPT; i++) {
                batch.delete(family, existing.get(i));
            }
            db.write(writeOptions, batch);
        } finally {
            writes.unlock();
        }
    }

    List<ProfileStatusReport> reports(DeviceId device, int limit) {
        byte[] dev = Keys.concat(new byte[] {REPORT}, Keys.device(device));
        List<ProfileStatusReport> all = new ArrayList<>();
        scan(Keys.deviceStart(dev), (k, v) -> all.add(ProfileEncoding.decodeReport(v)));
        List<ProfileStatusReport> newestFirst = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && newestFirst.size() < limit; i--) {
            newestFirst.add(all.get(i));
        }
        return newestFirst;
    }

    // ---- a deleted device

    /** The device's values, its device key and its status reports, in one batch. */
    void deleteDevice(DeviceId device) throws RocksDBException {
        if (family == null) {
            return;
        }
        writes.lock();
        try (WriteBatch batch = new WriteBatch()) {
            List<byte[]> doomed = new ArrayList<>();
            scan(Keys.deviceStart(Keys.concat(new byte[] {VALUE, (byte) ProfileValueKey.Scope.DEVICE.ordinal()},
                    Keys.text(device.value()))), (k, v) -> doomed.add(k));
            scan(Keys.deviceStart(Keys.concat(new byte[] {REPORT}, Keys.device(device))), (k, v) -> doomed.add(k));
            doomed.add(keyKey("device", device.value()));
            for (byte[] k : doomed) {
                batch.delete(family, k);
            }
            db.write(writeOptions, batch);
        } finally {
            writes.unlock();
        }
    }

    // ---- plumbing

    private interface Entry {
        void accept(byte[] key, byte[] value);
    }

    private void scan(byte[] prefix, Entry entry) {
        if (family == null) {
            return;
        }
        try (Slice upper = new Slice(Keys.prefixEnd(prefix));
             ReadOptions ro = new ReadOptions().setIterateUpperBound(upper);
             RocksIterator it = db.newIterator(family, ro)) {
            for (it.seek(prefix); it.isValid(); it.next()) {
                entry.accept(it.key(), it.value());
            }
        }
    }

    private Optional<byte[]> get(byte[] key) throws RocksDBException {
        if (family == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(db.get(family, key));
    }

    private boolean deleteIfPresent(byte[] key) throws RocksDBException {
        writes.lock();
        try {
            if (db.get(family, key) == null) {
                return false;
            }
            db.delete(family, writeOptions, key);
            return true;
        } finally {
            writes.unlock();
        }
    }

    private static byte[] templateKey(String name) {
        return Keys.concat(new byte[] {TEMPLATE}, Keys.text(name));
    }

    private static byte[] valueKey(ProfileValueKey key) {
        byte[] owner = Keys.deviceStart(Keys.concat(new byte[] {VALUE, (byte) key.scope().ordinal()},
                Keys.text(key.owner())));
        return Keys.concat(owner, Keys.text(key.name()));
    }

    private static byte[] keyKey(String scope, String owner) {
        return Keys.concat(Keys.deviceStart(Keys.concat(new byte[] {KEY}, Keys.text(scope))), Keys.text(owner));
    }
}
