package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import io.lodestar.acs.core.device.DeviceId;

import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Session leases without Paxos ({@code store.cassandra.session-leases=quorum}): mutual exclusion by claims, as
 * in Dekker's or Lamport's algorithms, over quorum writes and reads.
 *
 * <p>A node's claim on a device is a row {@code session_claims (device_id, owner)} written with a TTL (the
 * lease's time to live). To take the lease a node writes its claim, waits for the quorum's acknowledgement, then
 * reads the device's claims at quorum: it holds the lease only when it finds no other owner's live claim, and
 * otherwise deletes its claim and refuses. Two nodes racing for one device cannot both proceed: each wrote its
 * claim to a quorum before it read a quorum, and two quorums of the same replicas overlap, so the later of the
 * two reads sees the other node's claim (both may back off: the device is told to retry, as for any refused
 * lease). Everything is plain writes and reads at the quorum of {@code store.cassandra.serial-consistency}'s
 * scope ({@code LOCAL_SERIAL}: {@code LOCAL_QUORUM}; {@code SERIAL}: {@code QUORUM}), whatever the store's
 * consistency for other statements, so a store run at {@code LOCAL_ONE} keeps the guarantee.
 *
 * <p>A renewal is read-then-write: it reads the claims first and writes only when its own claim is still there,
 * no other owner's is, and its previous write is younger than two thirds of the time to live (measured on this
 * node's monotonic clock), so a claim that may have expired in the replicas is never revived next to another
 * node's. A crashed node's claims expire with their TTL.
 */
final class QuorumClaims {

    private final CqlSession session;
    private final Statements st;
    private final ConsistencyLevel quorum;
    /** This store's claims: (device, owner) to the {@link System#nanoTime()} of the write that set their TTL. */
    private final ConcurrentMap<Key, Long> written = new ConcurrentHashMap<>();

    private record Key(String device, String owner) {
    }

    QuorumClaims(CqlSession session, Statements st, String serialConsistency) {
        this.session = session;
        this.st = st;
        this.quorum = "SERIAL".equalsIgnoreCase(serialConsistency) ? DefaultConsistencyLevel.QUORUM
                : DefaultConsistencyLevel.LOCAL_QUORUM;
    }

    boolean acquire(DeviceId id, String owner, Duration ttl) {
        Objects.requireNonNull(owner, "owner");
        String device = id.value();
        int seconds = Leases.ttlSeconds(ttl);
        long started = System.nanoTime();
        write(device, owner, seconds);
        if (othersClaim(device, owner)) {
            written.remove(new Key(device, owner));
            delete(device, owner);
            return false;
        }
        written.put(new Key(device, owner), started);
        return true;
    }

    boolean renew(DeviceId id, String owner, Duration ttl) {
        Objects.requireNonNull(owner, "owner");
        String device = id.value();
        Key key = new Key(device, owner);
        Long last = written.get(key);
        if (last == null) {
            return false;
        }
        int seconds = Leases.ttlSeconds(ttl);
        long started = System.nanoTime();
        // the claim written last lives `seconds` from that write: renewing later than 2/3 of that could revive a
        // claim that already expired in the replicas (clocks differ a little), next to a newer owner's
        if (started - last >= Duration.ofSeconds(seconds).toNanos() * 2 / 3) {
            written.remove(key, last);
            return false;
        }
        Set<String> owners = owners(device);
        if (!owners.contains(owner) || owners.size() > 1) {
            written.remove(key, last);
            return false;
        }
        write(device, owner, seconds);
        written.put(key, started);
        return true;
    }

    void release(DeviceId id, String owner) {
        Objects.requireNonNull(owner, "owner");
        written.remove(new Key(id.value(), owner));
        delete(id.value(), owner);
    }

    private boolean othersClaim(String device, String owner) {
        for (String o : owners(device)) {
            if (!o.equals(owner)) {
                return true;
            }
        }
        return false;
    }

    private Set<String> owners(String device) {
        Set<String> owners = new HashSet<>();
        for (Row r : Async.join(session.executeAsync(st.selectClaims.bind(device).setConsistencyLevel(quorum)))
                .currentPage()) {
            owners.add(r.getString(0));
        }
        return owners;
    }

    private void write(String device, String owner, int seconds) {
        Async.join(session.executeAsync(st.insertClaim.bind(device, owner, seconds, WriteClock.reserve(1))
                .setConsistencyLevel(quorum)));
    }

    private void delete(String device, String owner) {
        Async.join(session.executeAsync(st.deleteClaim.bind(WriteClock.reserve(1), device, owner)
                .setConsistencyLevel(quorum)));
    }
}
