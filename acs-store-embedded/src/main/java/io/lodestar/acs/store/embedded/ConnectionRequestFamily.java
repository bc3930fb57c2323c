package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.LearnedUdpBinding;
import io.lodestar.acs.core.device.SealedCredentials;
import io.lodestar.acs.store.codec.ConnectionRequestEncoding;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code connection_requests} column family (layout 4): {@code device 00 'c' → credentials} and
 * {@code device 00 'a' → last attempt}, {@code device 00 'b' → learned UDP binding} ({@link ConnectionRequestEncoding};
 * the password sealed by the ACS; the binding's key kind was added within the same layout: a store without it has
 * none). Each
 * write is one synced put: last writer wins, which is what a "last attempt" and a replaced password need.
 *
 * <p>A store of an older layout opened read-only has no such family ({@code family} null): it holds none.
 */
final class ConnectionRequestFamily {

    private static final byte CREDENTIALS = 'c';
    private static final byte ATTEMPT = 'a';
    private static final byte UDP_BINDING = 'b';

    private final RocksDB db;
    private final ColumnFamilyHandle family;
    private final WriteOptions writeOptions;

    ConnectionRequestFamily(RocksDB db, ColumnFamilyHandle family, WriteOptions writeOptions) {
        this.db = db;
        this.family = family;
        this.writeOptions = writeOptions;
    }

    void putCredentials(DeviceId id, SealedCredentials c) throws RocksDBException {
        db.put(family, writeOptions, key(id, CREDENTIALS), ConnectionRequestEncoding.encode(c));
    }

    Optional<SealedCredentials> credentials(DeviceId id) throws RocksDBException {
        return get(id, CREDENTIALS).map(ConnectionRequestEncoding::decodeCredentials);
    }

    void putAttempt(DeviceId id, ConnectionRequestAttempt a) throws RocksDBException {
        db.put(family, writeOptions, key(id, ATTEMPT), ConnectionRequestEncoding.encode(a));
    }

    Optional<ConnectionRequestAttempt> lastAttempt(DeviceId id) throws RocksDBException {
        return get(id, ATTEMPT).map(ConnectionRequestEncoding::decodeAttempt);
    }

    void putUdpBinding(DeviceId id, LearnedUdpBinding b) throws RocksDBException {
        db.put(family, writeOptions, key(id, UDP_BINDING), ConnectionRequestEncoding.encode(b));
    }

    Optional<LearnedUdpBinding> udpBinding(DeviceId id) throws RocksDBException {
        return get(id, UDP_BINDING).map(ConnectionRequestEncoding::decodeUdpBinding);
    }

    void forget(DeviceId id) throws RocksDBException {
        try (WriteBatch batch = new WriteBatch()) {
            batch.delete(family, key(id, CREDENTIALS));
            batch.delete(family, key(id, ATTEMPT));
            batch.delete(family, key(id, UDP_BINDING));
            db.write(writeOptions, batch);
        }
    }

    private Optional<byte[]> get(DeviceId id, byte kind) throws RocksDBException {
        if (family == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(db.get(family, key(id, kind)));
    }

    private static byte[] key(DeviceId id, byte kind) {
        byte[] dev = Keys.device(id);
        byte[] key = Arrays.copyOf(dev, dev.length + 2);
        key[dev.length] = Keys.SEPARATOR;
        key[dev.length + 1] = kind;
        return key;
    }
}
