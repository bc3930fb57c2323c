package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.lodestar.acs.core.device.DeviceId;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Leases as lightweight transactions at the serial consistency, a row that lives as long as its TTL: the session
 * leases in {@code session_leases} (keyed by device id), and the index verifier's lease, one row of
 * {@code store_settings} ({@link #verifierLease}). Only LWTs write those rows, so their Paxos timestamps meet
 * no client timestamps.
 */
final class Leases {

    /** Cassandra's largest TTL: 20 years. */
    private static final long MAX_TTL_SECONDS = 630_720_000L;

    private final CqlSession session;
    private final PreparedStatement acquire;
    private final PreparedStatement renew;
    private final PreparedStatement release;
    /** The column of the owner, as a failed LWT reports it. */
    private final String ownerColumn;

    private Leases(CqlSession session, PreparedStatement acquire, PreparedStatement renew, PreparedStatement release,
                   String ownerColumn) {
        this.session = session;
        this.acquire = acquire;
        this.renew = renew;
        this.release = release;
        this.ownerColumn = ownerColumn;
    }

    /** The session leases: {@code session_leases}, one row per device. */
    Leases(CqlSession session, Statements st) {
        this(session, st.acquireLease, st.renewLease, st.releaseLease, "owner");
    }

    /** Leases on rows of {@code store_settings} (name = the lease, value = its owner). */
    static Leases verifierLease(CqlSession session, Statements st) {
        return new Leases(session, st.acquireSettingLease, st.renewSettingLease, st.releaseSettingLease, "value");
    }

    boolean acquire(DeviceId id, String owner, Duration ttl) {
        return acquire(id.value(), owner, ttl);
    }

    boolean renew(DeviceId id, String owner, Duration ttl) {
        return renew(id.value(), owner, ttl);
    }

    void release(DeviceId id, String owner) {
        release(id.value(), owner);
    }

    /** {@code INSERT ... IF NOT EXISTS}; the owner's own lease is extended instead. */
    boolean acquire(String key, String owner, Duration ttl) {
        Objects.requireNonNull(owner, "owner");
        int seconds = ttlSeconds(ttl);
        for (int attempt = 0; attempt < 3; attempt++) {
            Row r = Async.join(session.executeAsync(acquire.bind(key, owner, seconds))).one();
            if (r != null && r.getBoolean("[applied]")) {
                return true;
            }
            if (r != null && !owner.equals(r.getString(ownerColumn))) {
                return false;
            }
            if (extend(key, owner, seconds)) {
                return true;
            }
            // it expired between the two statements: take it afresh
        }
        return false;
    }

    /** {@code UPDATE ... USING TTL ... IF owner = ?}: false once the lease expired or another owner took it. */
    boolean renew(String key, String owner, Duration ttl) {
        Objects.requireNonNull(owner, "owner");
        return extend(key, owner, ttlSeconds(ttl));
    }

    /** {@code DELETE ... IF owner = ?}: another owner's lease is left alone. */
    void release(String key, String owner) {
        Async.join(releaseAsync(key, owner));
    }

    /** {@link #release(String, String)} without waiting. */
    CompletionStage<?> releaseAsync(String key, String owner) {
        Objects.requireNonNull(owner, "owner");
        return session.executeAsync(release.bind(key, owner));
    }

    private boolean extend(String key, String owner, int seconds) {
        Row r = Async.join(session.executeAsync(renew.bind(seconds, owner, key, owner))).one();
        return r != null && r.getBoolean("[applied]");
    }

    /** Cassandra's TTLs are whole seconds: rounded up, at least one. */
    static int ttlSeconds(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease needs a positive time to live");
        }
        long s = ttl.toSeconds() + (ttl.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.min(s, MAX_TTL_SECONDS);
    }
}
