package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
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
 * <p>A node's claim on a device is written with a TTL (the lease's time to live) and carries {@code since}, when the
 * node first claimed the device (its write clock, microseconds), kept by renewals. Where the claims live is the
 * {@link Layout}: cells {@code session_claims[owner] = since} of the device's {@code devices} row (V015, the default),
 * so that the read that must follow a claim's write can be the read that opens the session
 * ({@link #acquire(DeviceId, String, Duration, boolean)}); or rows {@code session_claims (device_id, owner, since)}
 * of a table of their own (V011, {@code session-leases=quorum-table}, the layout before V015). To take the lease a node writes its claim, waits for
 * the quorum's acknowledgement, then reads the device's claims at the quorum:
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

    /** Where a device's claims live. */
    enum Layout {
        /** Cells of the device's {@code devices} row (V015), in a band of write times of their own. */
        DEVICE_ROW,
        /** Rows of {@code session_claims} (V011): the layout before V015. */
        TABLE
    }

    /**
     * Added to the write clock for the claims' cells in the {@code devices} row: every data write of the row (the
     * device's deletion, a partition deletion, included) is far below it, so none ever shadows a claim; only the
     * owner's own deletion, in the same band, removes one. 2^60 microseconds is some 36,000 years.
     */
    static final long ROW_BAND = 1L << 60;

    private final CqlSession session;
    private final Statements st;
    private final Layout layout;
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

    QuorumClaims(CqlSession session, Statements st, Layout layout, String serialConsistency) {
        this(session, st, layout, serialConsistency, DEFAULT_WAIT);
    }

    QuorumClaims(CqlSession session, Statements st, Layout layout, String serialConsistency, Duration wait) {
        this.session = session;
        this.st = st;
        this.layout = Objects.requireNonNull(layout, "layout");
        this.quorum = "SERIAL".equalsIgnoreCase(serialConsistency) ? DefaultConsistencyLevel.QUORUM
                : DefaultConsistencyLevel.LOCAL_QUORUM;
        this.waitNanos = wait.toNanos();
    }

    boolean acquire(DeviceId id, String owner, Duration ttl) {
        return acquire(id, owner, ttl, false).held();
    }

    /**
     * What an acquisition found: whether the lease is held, and the device's {@code devices} row (the columns of
     * {@link Statements#selectDevice}) as the read that decided it returned it: null unless the row was asked for
     * and no other claim was there (after waiting for a racer, a session must read the device again: the racer may
     * have run a session meanwhile), or when the device has no row.
     */
    record Taken(boolean held, Row deviceRow) {
        static final Taken REFUSED = new Taken(false, null);
    }

    /**
     * Takes the lease as {@link #acquire} does; with the {@link Layout#DEVICE_ROW} layout and {@code withDeviceRow},
     * the first read of the claims is a read of the device's whole {@code devices} row at the claims' quorum, handed
     * back when it shows no other claim: the session opens from it.
     */
    Taken acquire(DeviceId id, String owner, Duration ttl, boolean withDeviceRow) {
        Objects.requireNonNull(owner, "owner");
        String device = id.value();
        Key key = new Key(device, owner);
        int seconds = Leases.ttlSeconds(ttl);
        long started = System.nanoTime();
        Held before = written.get(key);
        // a claim this node may still hold keeps its place (acquiring again extends it); a new claim is last
        long since = before != null && before.renewBy - started > 0 ? before.since : WriteClock.reserve(1);
        Taken taken;
        try {
            write(device, owner, since, seconds);
            Row row = null;
            List<Claim> first;
            if (withDeviceRow && layout == Layout.DEVICE_ROW) {
                row = Async.join(session.executeAsync(st.selectDevice.bind(device).setConsistencyLevel(quorum))).one();
                first = row == null ? List.of() : claimsOf(row, StoredDevice.CLAIMS_COLUMN);
            } else {
                first = claims(device);
            }
            taken = awaitSole(device, owner, since, started + waitNanos, first, row);
        } catch (RuntimeException e) {
            written.remove(key);
            try {
                delete(device, owner); // else the claim expires with its TTL: refused by all meanwhile, never doubled
            } catch (RuntimeException d) {
                e.addSuppressed(d);
            }
            throw e;
        }
        if (taken.held()) {
            written.put(key, new Held(since, started + renewWithin(seconds)));
        } else {
            written.remove(key);
            delete(device, owner);
        }
        return taken;
    }

    /**
     * Looks at the device's claims ({@code first} as read first, then read again at the quorum) until no other
     * owner's is there (held), an earlier one is (refused), or the wait is over (refused). Polling, because Cassandra
     * cannot notify a reader; the pauses grow from 2 ms, so a racer's withdrawal (milliseconds) is seen quickly and a
     * lingering claim costs a few reads. The row read first is handed on only when it decided at once.
     */
    private Taken awaitSole(String device, String owner, long since, long deadline, List<Claim> first,
                            Row firstRow) {
        long pause = FIRST_PAUSE_NANOS;
        List<Claim> read = first;
        Row row = firstRow;
        while (true) {
            boolean others = false;
            for (Claim c : read) {
                if (c.owner.equals(owner)) {
                    continue;
                }
                if (c.before(since, owner)) {
                    return Taken.REFUSED;
                }
                others = true;
            }
            if (!others) {
                return new Taken(true, row);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Taken.REFUSED;
            }
            LockSupport.parkNanos(Math.min(pause, left));
            if (Thread.currentThread().isInterrupted()) {
                return Taken.REFUSED;
            }
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
            read = claims(device);
            row = null; // a racer may have run a session meanwhile: the row read first is not the one to open with
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
        return deletion(id.value(), owner);
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
        if (layout == Layout.DEVICE_ROW) {
            Row r = Async.join(session.executeAsync(st.selectRowClaims.bind(device).setConsistencyLevel(quorum))).one();
            return r == null ? List.of() : claimsOf(r, 0);
        }
        List<Claim> claims = new ArrayList<>();
        for (Row r : Async.join(session.executeAsync(st.selectClaims.bind(device).setConsistencyLevel(quorum)))
                .currentPage()) {
            claims.add(new Claim(r.getString(0), r.isNull(1) ? Long.MIN_VALUE : r.getLong(1)));
        }
        return claims;
    }

    /** The claims in a {@code devices} row's {@code session_claims} map, at column {@code i}. */
    private static List<Claim> claimsOf(Row r, int i) {
        if (r.isNull(i)) {
            return List.of();
        }
        List<Claim> claims = new ArrayList<>();
        r.getMap(i, String.class, Long.class).forEach((owner, since) -> claims.add(new Claim(owner, since)));
        return claims;
    }

    private void write(String device, String owner, long since, int seconds) {
        BoundStatement w = layout == Layout.DEVICE_ROW
                ? st.insertRowClaim.bind(seconds, ROW_BAND + WriteClock.reserve(1), owner, since, device)
                : st.insertClaim.bind(device, owner, since, seconds, WriteClock.reserve(1));
        Async.join(session.executeAsync(w.setConsistencyLevel(quorum)));
    }

    private void delete(String device, String owner) {
        Async.join(session.executeAsync(deletion(device, owner).setConsistencyLevel(quorum)));
    }

    private BoundStatement deletion(String device, String owner) {
        return layout == Layout.DEVICE_ROW
                ? st.deleteRowClaim.bind(owner, ROW_BAND + WriteClock.reserve(1), device)
                : st.deleteClaim.bind(WriteClock.reserve(1), device, owner);
    }
}
