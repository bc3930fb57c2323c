package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.lodestar.acs.core.device.DeviceId;

import java.time.Duration;
import java.util.Objects;

/**
 * The session leases: lightweight transactions on {@code session_leases} at the serial consistency, a row that
 * lives as long as its TTL. Nothing else writes that table, so its Paxos timestamps meet no client timestamps.
 */
final class Leases {

    /** Cassandra's largest TTL: 20 years. */
    private static final long MAX_TTL_SECONDS = 630_720_000L;

    private final CqlSession session;
    private final Statements st;

    Leases(CqlSession session, Statements st) {
        this.session = session;
        this.st = st;
    }

    /** {@code INSERT ... IF NOT EXISTS}; the owner's own lease is extended instead. */
    boolean acquire(DeviceId id, String owner, Duration ttl) {
        Objects.requireNonNull(owner, "owner");
        int seconds = ttlSeconds(ttl);
        for (int attempt = 0; attempt < 3; attempt++) {
            Row r = session.execute(st.acquireLease.bind(id.value(), owner, seconds)).one();
            if (r != null && r.getBoolean("[applied]")) {
                return true;
            }
            if (r != null && !owner.equals(r.getString("owner"))) {
                return false;
            }
            if (extend(id, owner, seconds)) {
                return true;
            }
            // it expired between the two statements: take it afresh
        }
        return false;
    }

    /** {@code UPDATE ... USING TTL ... IF owner = ?}: false once the lease expired or another owner took it. */
    boolean renew(DeviceId id, String owner, Duration ttl) {
        Objects.requireNonNull(owner, "owner");
        return extend(id, owner, ttlSeconds(ttl));
    }

    /** {@code DELETE ... IF owner = ?}: another owner's lease is left alone. */
    void release(DeviceId id, String owner) {
        Objects.requireNonNull(owner, "owner");
        session.execute(st.releaseLease.bind(id.value(), owner));
    }

    private boolean extend(DeviceId id, String owner, int seconds) {
        Row r = session.execute(st.renewLease.bind(seconds, owner, id.value(), owner)).one();
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
