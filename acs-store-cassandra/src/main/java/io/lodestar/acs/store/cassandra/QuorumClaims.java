package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.lodestar.acs.core.device.DeviceId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Session leases without Paxos ({@code store.cassandra.session-leases=quorum}): mutual exclusion by claims, as
 * in Dekker's or Lamport's algorithms, over quorum writes and reads.
 *
 * <p>A node's claim on a device is a row {@code session_claims (device_id, owner, since)} written with a TTL (the
 * lease's time to live); {@code since} is when the node first claimed the device (its write clock, microseconds),
 * kept by renewals. To take the lease a node writes its claim, waits for the quorum's acknowledgement, then reads
 * the device's claims at the quorum:
 * <ul>
 *   <li>no other owner's live claim: it holds the lease;</li>
 *   <li>another claim that is earlier in the order ({@code since}, then owner; a claim without {@code since}
 *       counts as earliest): it deletes its claim and refuses;</li>
 *   <li>only later claims (nodes racing it, which withdraw on seeing this one): it reads again at the quorum,
 *       with growing pauses, until a read shows no other claim (it holds the lease), an earlier claim appears
 *       (it withdraws and refuses) or {@link #DEFAULT_WAIT} has passed (it withdraws and refuses).</li>
 * </ul>
 * A node proceeds only after a quorum read that began after its own claim's quorum write had completed and that
 * showed no other claim. Two nodes cannot both proceed: each wrote its claim to a quorum before it read a quorum,
 * and two quorums of the same replicas overlap, so the later of the two final reads sees the other node's claim
 * (the full argument: docs/cassandra-store.md, "Session leases"). The order only decides who waits and who
 * withdraws, so that one of a racing pair is served where both used to refuse; exclusion never depends on it, nor
 * on clocks. Everything is plain writes and reads at the quorum of {@code store.cassandra.serial-consistency}'s
 * scope ({@code LOCAL_SERIAL}: {@code LOCAL_QUORUM}; {@code SERIAL}: {@code QUORUM}), whatever the store's
 * consistency for other statements, so a store run at {@code LOCAL_ONE} keeps the guarantee.
 *
 * <p>A renewal is read-then-write: it reads the claims first and writes only when its own claim is still there
 * and its previous write is younger than two thirds of the time to live (measured on this node's monotonic clock),
 * so a claim that may have expired in the replicas is never revived next to another node's. Other claims do not
 * stop a renewal: while this node's claim is live every other claimant sees it and withdraws. A crashed node's
 * claims expire with their TTL.
 */
final class QuorumClaims {

    /**
     * How long the earliest of racing claimants waits for the others to withdraw. A racer withdraws right after its
     * read (one read and one delete later, milliseconds); the bound only matters when a racer died between its
     * write and its delete, or when a node with a clock ahead claims a device another node holds: then the device
     * is refused after this wait, as it would have been at once before.
     */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);
    private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(2).toNanos();
    private static final long MAX_PAUSE_NANOS = Duration.ofMillis(100).toNanos();

    private final CqlSession session;
    private final Statements st;
    private final ConsistencyLevel quorum;
    private final long waitNanos;
    /** This store's claims that may be live: (device, owner) to when they were first claimed and last written. */
    private final ConcurrentMap<Key, Held> written = new ConcurrentHashMap<>();

    private record Key(String device, String owner) {
    }

    /**
     * A claim this store wrote.
     *
     * @param since   the claim's place in the order (microseconds), kept while the claim lives
     * @param renewBy the {@link System#nanoTime()} after which the claim may have expired somewhere (two thirds of
     *                its time to live after the write that set it)
     */
    private record Held(long since, long renewBy) {
    }

    /** A claim as read: a claim without {@code since} (an earlier version's) is earliest. */
    private record Claim(String owner, long since) {
        boolean before(long otherSince, String otherOwner) {
            return since != otherSince ? since < otherSince : owner.compareTo(otherOwner) < 0;
        }
    }

    QuorumClaims(CqlSession session, Statements st, String serialConsistency) {
        this(session, st, serialConsistency, DEFAULT_WAIT);
    }

    QuorumClaims(CqlSession session, Statements st, String serialConsistency, Duration wait) {
        this.session = session;
        this.st = st;
        this.quorum = "SERIAL".equalsIgnoreCase(serialConsistency) ? DefaultConsistencyLevel.QUORUM
                : DefaultConsistencyLevel.LOCAL_QUORUM;
        this.waitNanos = wait.toNanos();
    }

    boolean acquire(DeviceId id, String owner, Duration ttl) {
        Objects.requireNonNull(owner, "owner");
        String device = id.value();
        Key key = new Key(device, owner);
        int seconds = Leases.ttlSeconds(ttl);
        long started = System.nanoTime();
        Held before = written.get(key);
        // a claim this node may still hold keeps its place (acquiring again extends it); a new claim is last
        long since = before != null && before.renewBy - started > 0 ? before.since : WriteClock.reserve(1);
        boolean held;
        try {
            write(device, owner, since, seconds);
            held = awaitSole(device, owner, since, started + waitNanos);
        } catch (RuntimeException e) {
            written.remove(key);
            try {
                delete(device, owner); // else the claim expires with its TTL: refused by all meanwhile, never doubled
            } catch (RuntimeException d) {
                e.addSuppressed(d);
            }
            throw e;
        }
        if (held) {
            written.put(key, new Held(since, started + renewWithin(seconds)));
        } else {
            written.remove(key);
            delete(device, owner);
        }
        return held;
    }

    /**
     * Reads the device's claims at the quorum until no other owner's is there (true), an earlier one is (false), or
     * the wait is over (false). Polling, because Cassandra cannot notify a reader; the pauses grow from 2 ms, so a
     * racer's withdrawal (milliseconds) is seen quickly and a lingering claim costs a few reads.
     */
    private boolean awaitSole(String device, String owner, long since, long deadline) {
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            boolean others = false;
            for (Claim c : claims(device)) {
                if (c.owner.equals(owner)) {
                    continue;
                }
                if (c.before(since, owner)) {
                    return false;
                }
                others = true;
            }
            if (!others) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(pause, left));
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }

    boolean renew(DeviceId id, String owner, Duration ttl) {
        Objects.requireNonNull(owner, "owner");
        String device = id.value();
        Key key = new Key(device, owner);
        Held held = written.get(key);
        if (held == null) {
            return false;
        }
        int seconds = Leases.ttlSeconds(ttl);
        long started = System.nanoTime();
        // the claim written last lives `seconds` from that write: renewing later than 2/3 of that could revive a
        // claim that already expired in the replicas (clocks differ a little), next to a newer owner's
        if (started - held.renewBy >= 0) {
            written.remove(key, held);
            return false;
        }
        boolean mine = false;
        for (Claim c : claims(device)) {
            mine |= c.owner.equals(owner);
        }
        if (!mine) {
            written.remove(key, held);
            return false;
        }
        write(device, owner, held.since, seconds);
        written.put(key, new Held(held.since, started + renewWithin(seconds)));
        return true;
    }

    /**
     * Whether a claim's deletion may ride in a write at the store's {@code consistency}: when that write reaches
     * at least this quorum. A weaker write could leave the claim on replicas that other nodes' quorum reads
     * consult, refusing the device until the claim's TTL ends.
     */
    boolean releaseRidesIn(String consistency) {
        return switch (consistency) {
            case "ALL", "EACH_QUORUM", "QUORUM" -> true;
            case "LOCAL_QUORUM" -> quorum == DefaultConsistencyLevel.LOCAL_QUORUM;
            default -> false;
        };
    }

    /**
     * Gives the claim up in a write the caller sends (the session's commit, a single-partition batch of the same
     * device, so that the claim is deleted in the commit's own mutation: one request fewer per session). The
     * caller sends it at a consistency {@link #releaseRidesIn} accepts, and calls {@link #release} when the
     * write fails.
     */
    BatchableStatement<?> releaseInWrite(DeviceId id, String owner) {
        Objects.requireNonNull(owner, "owner");
        written.remove(new Key(id.value(), owner));
        return st.deleteClaim.bind(WriteClock.reserve(1), id.value(), owner);
    }

    void release(DeviceId id, String owner) {
        Objects.requireNonNull(owner, "owner");
        written.remove(new Key(id.value(), owner));
        delete(id.value(), owner);
    }

    private static long renewWithin(int seconds) {
        return Duration.ofSeconds(seconds).toNanos() * 2 / 3;
    }

    private List<Claim> claims(String device) {
        List<Claim> claims = new ArrayList<>();
        for (Row r : Async.join(session.executeAsync(st.selectClaims.bind(device).setConsistencyLevel(quorum)))
                .currentPage()) {
            claims.add(new Claim(r.getString(0), r.isNull(1) ? Long.MIN_VALUE : r.getLong(1)));
        }
        return claims;
    }

    private void write(String device, String owner, long since, int seconds) {
        Async.join(session.executeAsync(st.insertClaim.bind(device, owner, since, seconds, WriteClock.reserve(1))
                .setConsistencyLevel(quorum)));
    }

    private void delete(String device, String owner) {
        Async.join(session.executeAsync(st.deleteClaim.bind(WriteClock.reserve(1), device, owner)
                .setConsistencyLevel(quorum)));
    }
}
