package io.lodestar.acs.store;

import io.lodestar.acs.core.device.DeviceId;

import java.time.Duration;

/**
 * Who may run a device's CWMP session: at most one ACS node at a time holds a device's lease. A lease
 * lives for its time to live unless renewed, so a crashed node's leases expire by themselves. Every
 * method may throw {@link StoreUnavailableException}.
 */
public interface SessionLeases {

    /**
     * Takes the device's lease for {@code owner} (a node's identity) for {@code ttl}.
     *
     * @return true when the owner now holds the lease (also when it held it already: then it is extended);
     *         false when another owner holds a lease that has not expired
     */
    boolean acquireLease(DeviceId id, String owner, Duration ttl);

    /**
     * Extends a lease the owner holds by {@code ttl} from now.
     *
     * @return false when the owner no longer holds it (it expired, and perhaps another owner took it)
     */
    boolean renewLease(DeviceId id, String owner, Duration ttl);

    /** Gives the lease up if the owner holds it; a lease held by another owner is left alone. */
    void releaseLease(DeviceId id, String owner);
}
