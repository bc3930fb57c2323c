package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import io.lodestar.acs.core.access.ApiToken;
import io.lodestar.acs.store.StoreUnavailableException;
import io.lodestar.acs.store.TokenStore;
import io.lodestar.acs.store.codec.TokenEncoding;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The {@code api_tokens} table (migration V004): one row per token, keyed by its id, the whole token in
 * {@code record} ({@link TokenEncoding}, the secret's hash only; {@code name}, {@code created_at} and
 * {@code revoked_at} are copies for people reading the table). Operators' tokens are few, so the listing reads the
 * table whole (paged) and sorts it by {@link TokenStore#CREATION_ORDER}.
 *
 * <p>Every write is a lightweight transaction at the serial consistency (and every write of this table is one, so
 * Paxos timestamps meet no client timestamps): adding is {@code INSERT ... IF NOT EXISTS}, so two ACS nodes
 * adding one id at once store one token; revoking is {@code UPDATE ... IF record = <the unrevoked record>}, so the
 * first revocation's time stays whoever revokes at once.
 *
 * <p><b>A timeout of the LWT</b> ({@link WriteTimeoutException} of type CAS, {@link CASWriteUnknownException}, or
 * the driver's own {@link DriverTimeoutException}) means the outcome is unknown: the proposal may have been
 * accepted by some replicas and be completed later by the next Paxos round on the row, or never. The driver does
 * not retry it (the statement is not idempotent). {@link #add} then throws {@link StoreUnavailableException} saying
 * so. Adding the same token again settles it: that LWT first completes any proposal in progress on the row, then
 * either stores the token or finds the very record (same id, same hash of 256 random bits: nobody else could have
 * written it) and returns as if it had stored it; a different token under the id is refused. A caller that gives
 * up instead leaves at worst a token nobody holds the secret of, listed and revocable like any other. A timed-out
 * revocation is settled the same way by revoking again (the first revocation's time wins).
 */
final class TokenTable {

    /** How often a revocation re-reads after losing a race (each loss means another writer changed the row). */
    private static final int REVOKE_ATTEMPTS = 5;

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement selectOne;
    private final PreparedStatement selectAll;
    private final PreparedStatement revoke;

    TokenTable(CqlSession session, String ks) {
        this.session = session;
        var insert = prepare("INSERT INTO " + ks + ".api_tokens (token_id, name, created_at, revoked_at, record) "
                + "VALUES (?, ?, ?, ?, ?) IF NOT EXISTS", false);
        var selectOne = prepare("SELECT record FROM " + ks + ".api_tokens WHERE token_id = ?", true);
        var selectAll = prepare("SELECT record FROM " + ks + ".api_tokens", true);
        var revoke = prepare("UPDATE " + ks + ".api_tokens SET record = ?, revoked_at = ? WHERE token_id = ? "
                + "IF record = ?", false);
        this.insert = Async.join(insert);
        this.selectOne = Async.join(selectOne);
        this.selectAll = Async.join(selectAll);
        this.revoke = Async.join(revoke);
    }

    private CompletionStage<PreparedStatement> prepare(String cql, boolean idempotent) {
        return session.prepareAsync(SimpleStatement.builder(cql).setIdempotence(idempotent).build());
    }

    void add(ApiToken token) {
        if (token.id().isEmpty()) {
            throw new IllegalArgumentException("an API token needs a non-empty id");
        }
        ByteBuffer record = ByteBuffer.wrap(TokenEncoding.encode(token));
        Row r;
        try {
            BoundStatementBuilder row = insert.boundStatementBuilder().setString(0, token.id())
                    .setString(1, token.name()).setInstant(2, token.createdAt()).setByteBuffer(4, record);
            if (token.revokedAt() != null) { // else left unset: no tombstone for a column never written
                row.setInstant(3, token.revokedAt());
            }
            r = Async.join(session.executeAsync(row.build())).one();
        } catch (WriteTimeoutException | CASWriteUnknownException | DriverTimeoutException e) {
            throw new StoreUnavailableException("adding API token " + token.id() + " timed out, its outcome is "
                    + "unknown (it may be stored): adding the same token again settles it", e);
        }
        if (r == null) {
            throw new IllegalStateException("Cassandra answered adding API token " + token.id() + " with no row");
        }
        if (r.getBoolean("[applied]")) {
            return;
        }
        if (record.equals(storedRecord(r))) {
            return; // the very token: an earlier attempt of this add stored it
        }
        throw new IllegalArgumentException("an API token with id " + token.id() + " exists already");
    }

    /** The record a refused LWT reports as stored; null when it reports no row. */
    private static ByteBuffer storedRecord(Row refusal) {
        return refusal.getColumnDefinitions().contains("record") ? refusal.getByteBuffer("record") : null;
    }

    Optional<ApiToken> find(String id) {
        Objects.requireNonNull(id, "id");
        Row r = Async.join(session.executeAsync(selectOne.bind(id))).one();
        return r == null ? Optional.empty() : Optional.of(TokenEncoding.decode(r.getByteBuffer(0)));
    }

    List<ApiToken> all() {
        List<ApiToken> out = new ArrayList<>();
        for (Row r : Async.join(Async.rows(session.executeAsync(selectAll.bind())))) {
            out.add(TokenEncoding.decode(r.getByteBuffer(0)));
        }
        out.sort(TokenStore.CREATION_ORDER);
        return out;
    }

    Optional<ApiToken> revoke(String id, Instant now) {
        Objects.requireNonNull(now, "now");
        Optional<ApiToken> found = find(id);
        for (int attempt = 0; attempt < REVOKE_ATTEMPTS; attempt++) {
            if (found.isEmpty() || found.get().revokedAt() != null) {
                return found; // unknown, or revoked already: the first revocation's time stays
            }
            ApiToken current = found.get();
            ApiToken revoked = current.revoked(now);
            Row r;
            try {
                r = Async.join(session.executeAsync(revoke.bind(ByteBuffer.wrap(TokenEncoding.encode(revoked)), now,
                        id, ByteBuffer.wrap(TokenEncoding.encode(current))))).one();
            } catch (WriteTimeoutException | CASWriteUnknownException | DriverTimeoutException e) {
                throw new StoreUnavailableException("revoking API token " + id + " timed out, its outcome is "
                        + "unknown: revoking it again settles it", e);
            }
            if (r == null) {
                throw new IllegalStateException("Cassandra answered revoking API token " + id + " with no row");
            }
            if (r.getBoolean("[applied]")) {
                return Optional.of(revoked);
            }
            // another writer changed the row first: the row as it is now came back with the refusal
            ByteBuffer stored = storedRecord(r);
            found = stored == null ? Optional.empty() : Optional.of(TokenEncoding.decode(stored));
        }
        throw new StoreUnavailableException("revoking API token " + id + ": the row kept changing through "
                + REVOKE_ATTEMPTS + " attempts", null);
    }
}
