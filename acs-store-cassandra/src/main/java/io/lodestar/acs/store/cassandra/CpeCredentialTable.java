package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import io.lodestar.acs.store.StoreUnavailableException;
import io.lodestar.acs.store.codec.CpeCredentialEncoding;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The {@code cpe_credentials} table (migration V005): one row per scope ({@link CpeCredentialScope#key()}), the
 * whole credential in {@code record} ({@link CpeCredentialEncoding}: Digest HA1s, never a password). Every write is
 * a lightweight transaction, as in {@link TokenTable}: put-if-absent is {@code INSERT ... IF NOT EXISTS} (of nodes
 * starting together, one generates the fleet default), a put is that or else {@code UPDATE ... IF EXISTS}, a delete
 * is {@code DELETE ... IF EXISTS}. A timed-out LWT has an unknown outcome and throws
 * {@link StoreUnavailableException} saying so; repeating the same put or delete settles it.
 */
final class CpeCredentialTable {

    private static final int PUT_ATTEMPTS = 5;

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement select;
    private final PreparedStatement delete;

    CpeCredentialTable(CqlSession session, String ks) {
        this.session = session;
        var insert = prepare("INSERT INTO " + ks + ".cpe_credentials (scope, username, record) VALUES (?, ?, ?) "
                + "IF NOT EXISTS", false);
        var update = prepare("UPDATE " + ks + ".cpe_credentials SET username = ?, record = ? WHERE scope = ? IF EXISTS",
                false);
        var select = prepare("SELECT record FROM " + ks + ".cpe_credentials WHERE scope = ?", true);
        var delete = prepare("DELETE FROM " + ks + ".cpe_credentials WHERE scope = ? IF EXISTS", false);
        this.insert = Async.join(insert);
        this.update = Async.join(update);
        this.select = Async.join(select);
        this.delete = Async.join(delete);
    }

    private CompletionStage<PreparedStatement> prepare(String cql, boolean idempotent) {
        return session.prepareAsync(SimpleStatement.builder(cql).setIdempotence(idempotent).build());
    }

    boolean putIfAbsent(CpeCredentialScope scope, CpeCredential credential) {
        return applied("setting", scope, insert.bind(scope.key(), credential.username(),
                ByteBuffer.wrap(CpeCredentialEncoding.encode(credential))));
    }

    void put(CpeCredentialScope scope, CpeCredential credential) {
        ByteBuffer record = ByteBuffer.wrap(CpeCredentialEncoding.encode(credential));
        for (int attempt = 0; attempt < PUT_ATTEMPTS; attempt++) {
            if (applied("setting", scope, insert.bind(scope.key(), credential.username(), record.duplicate()))) {
                return;
            }
            if (applied("setting", scope, update.bind(credential.username(), record.duplicate(), scope.key()))) {
                return;
            }
            // deleted between the two: insert again
        }
        throw new StoreUnavailableException("setting CPE credentials of " + scope.key() + ": the row kept changing "
                + "through " + PUT_ATTEMPTS + " attempts", null);
    }

    Optional<CpeCredential> find(CpeCredentialScope scope) {
        Row r = Async.join(session.executeAsync(select.bind(Objects.requireNonNull(scope, "scope").key()))).one();
        return r == null ? Optional.empty() : Optional.of(CpeCredentialEncoding.decode(r.getByteBuffer(0)));
    }

    boolean delete(CpeCredentialScope scope) {
        return applied("deleting", scope, delete.bind(scope.key()));
    }

    private boolean applied(String doing, CpeCredentialScope scope, com.datastax.oss.driver.api.core.cql.BoundStatement s) {
        Row r;
        try {
            r = Async.join(session.executeAsync(s)).one();
        } catch (WriteTimeoutException | CASWriteUnknownException | DriverTimeoutException e) {
            throw new StoreUnavailableException(doing + " CPE credentials of " + scope.key() + " timed out, its outcome "
                    + "is unknown: doing it again settles it", e);
        }
        if (r == null) {
            throw new IllegalStateException("Cassandra answered " + doing + " CPE credentials with no row");
        }
        return r.getBoolean("[applied]");
    }
}
