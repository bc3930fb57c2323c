package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import io.lodestar.acs.store.codec.CpeCredentialEncoding;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code cpe_credentials} column family (layout 4): {@code scope key → credentials record}
 * ({@link CpeCredentialEncoding}: Digest HA1s, never a password), the key being {@link CpeCredentialScope#key()} in
 * the text form of {@link Keys}. Put-if-absent and delete read before they write under one lock of this family, so
 * that of two racing first starts one generates the fleet default. Each write is one synced put or delete.
 *
 * <p>A store of an older layout opened read-only has no such family ({@code family} null): it holds no credentials.
 */
final class CpeCredentialFamily {

    private final RocksDB db;
    private final ColumnFamilyHandle family;
    private final WriteOptions writeOptions;
    private final Lock writes = new ReentrantLock();

    CpeCredentialFamily(RocksDB db, ColumnFamilyHandle family, WriteOptions writeOptions) {
        this.db = db;
        this.family = family;
        this.writeOptions = writeOptions;
    }

    void put(CpeCredentialScope scope, CpeCredential credential) throws RocksDBException {
        byte[] record = CpeCredentialEncoding.encode(credential);
        writes.lock();
        try {
            db.put(family, writeOptions, key(scope), record);
        } finally {
            writes.unlock();
        }
    }

    boolean putIfAbsent(CpeCredentialScope scope, CpeCredential credential) throws RocksDBException {
        byte[] key = key(scope);
        byte[] record = CpeCredentialEncoding.encode(credential);
        writes.lock();
        try {
            if (db.get(family, key) != null) {
                return false;
            }
            db.put(family, writeOptions, key, record);
            return true;
        } finally {
            writes.unlock();
        }
    }

    Optional<CpeCredential> find(CpeCredentialScope scope) throws RocksDBException {
        byte[] key = key(scope);
        if (family == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(db.get(family, key)).map(CpeCredentialEncoding::decode);
    }

    boolean delete(CpeCredentialScope scope) throws RocksDBException {
        byte[] key = key(scope);
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

    private static byte[] key(CpeCredentialScope scope) {
        return Keys.text(Objects.requireNonNull(scope, "scope").key());
    }
}
