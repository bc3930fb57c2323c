package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.store.SessionLeases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Leases kept in memory: the embedded store is opened by one process at a time, so the leases of that
 * process are all the leases there are. They are not persisted: after a restart no session is in progress.
 */
final class LocalSessionLeases implements SessionLeases {

    private record Lease(String owner, Instant expiresAt) {}

    private final Map<DeviceId, Lease> leases = new ConcurrentHashMap<>();
    private final Clock clock;

    LocalSessionLeases(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean acquireLease(DeviceId id, String owner, Duration ttl) {
        Instant now = clock.instant();
        Lease mine = new Lease(owner, now.plus(ttl));
        Lease result = leases.compute(id, (k, held) ->
                held == null || held.owner().equals(owner) || !held.expiresAt().isAfter(now) ? mine : held);
        return result == mine;
    }

    @Override
    public boolean renewLease(DeviceId id, String owner, Duration ttl) {
        Instant now = clock.instant();
        Lease mine = new Lease(owner, now.plus(ttl));
        Lease result = leases.computeIfPresent(id, (k, held) ->
                held.owner().equals(owner) && held.expiresAt().isAfter(now) ? mine : held);
        return result == mine;
    }

    @Override
    public void releaseLease(DeviceId id, String owner) {
        leases.computeIfPresent(id, (k, held) -> held.owner().equals(owner) ? null : held);
    }
}
