package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.access.ApiToken;
import io.lodestar.acs.store.TokenStore;
import io.lodestar.acs.store.codec.TokenEncoding;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code tokens} column family (layout 3): {@code id → token record} ({@link TokenEncoding}, the secret's hash
 * only), the id in the order-preserving text form of {@link Keys}. Operators' tokens are few (created by hand),
 * so the listing reads them all and sorts them by {@link TokenStore#CREATION_ORDER}; no second key order is kept.
 *
 * <p>Adding and revoking read before they write, under one lock of this family: an id is taken once, and the
 * first revocation's time stays. Each write is one put, synced like every write of the store.
 *
 * <p>A store of an older layout opened read-only has no such family ({@code family} null): it holds no tokens.
 */
final class TokenFamily {

    private final RocksDB db;
    private final ColumnFamilyHandle tokens;
    private final WriteOptions writeOptions;
    private final Lock writes = new ReentrantLock();

    TokenFamily(RocksDB db, ColumnFamilyHandle tokens, WriteOptions writeOptions) {
        this.db = db;
        this.tokens = tokens;
        this.writeOptions = writeOptions;
    }

    void add(ApiToken token) throws RocksDBException {
        if (token.id().isEmpty()) {
            throw new IllegalArgumentException("an API token needs a non-empty id");
        }
        byte[] key = key(token.id());
        byte[] record = TokenEncoding.encode(token);
        writes.lock();
        try {
            byte[] stored = db.get(tokens, key);
            if (stored != null) {
                if (Arrays.equals(stored, record)) {
                    return; // the very token again: a retry of an add that did store it
                }
                throw new IllegalArgumentException("an API token with id " + token.id() + " exists already");
            }
            db.put(tokens, writeOptions, key, record);
        } finally {
            writes.unlock();
        }
    }

    Optional<ApiToken> find(String id) throws RocksDBException {
        if (tokens == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(db.get(tokens, key(id))).map(TokenEncoding::decode);
    }

    List<ApiToken> all() throws RocksDBException {
        List<ApiToken> out = new ArrayList<>();
        if (tokens == null) {
            return out;
        }
        try (ReadOptions ro = new ReadOptions(); RocksIterator it = db.newIterator(tokens, ro)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                out.add(TokenEncoding.decode(it.value()));
            }
            it.status();
        }
        out.sort(TokenStore.CREATION_ORDER);
        return out;
    }

    Optional<ApiToken> revoke(String id, Instant now) throws RocksDBException {
        Objects.requireNonNull(now, "now");
        byte[] key = key(id);
        writes.lock();
        try {
            byte[] stored = db.get(tokens, key);
            if (stored == null) {
                return Optional.empty();
            }
            ApiToken current = TokenEncoding.decode(stored);
            if (current.revokedAt() != null) {
                return Optional.of(current); // the first revocation's time stays
            }
            ApiToken revoked = current.revoked(now);
            db.put(tokens, writeOptions, key, TokenEncoding.encode(revoked));
            return Optional.of(revoked);
        } finally {
            writes.unlock();
        }
    }

    private static byte[] key(String id) {
        return Keys.text(Objects.requireNonNull(id, "id"));
    }
}
