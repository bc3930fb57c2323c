package io.lodestar.acs.store;

import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.SealedCredentials;

import java.util.Optional;

/**
 * What the ACS keeps to wake devices: each device's connection request credentials (the password sealed by the
 * ACS) and its last connection request attempt. A concern of its own beside {@link AcsStore}, with its own
 * contract suite, rather than fields of the device record: the device record is written by sessions alone
 * ({@code commit(SessionChanges)}), while these are written by operators and by connection requests at any time,
 * also while the device is in a session on another node; a record of their own needs no read-modify-write of
 * the device. Writes are last-writer-wins per device and per field, durable when they return. Every method may
 * throw {@link StoreUnavailableException}.
 */
public interface ConnectionRequestStore {

    /** Stores (replaces) the device's credentials. */
    void putCredentials(DeviceId id, SealedCredentials credentials);

    /** The device's credentials; empty when none were stored. */
    Optional<SealedCredentials> credentials(DeviceId id);

    /** Stores (replaces) the device's last connection request attempt. */
    void putAttempt(DeviceId id, ConnectionRequestAttempt attempt);

    /** The device's last connection request attempt; empty when none was made. */
    Optional<ConnectionRequestAttempt> lastAttempt(DeviceId id);

    /** Forgets the device's credentials and attempt (the device was deleted); harmless when none are stored. */
    void forgetConnectionRequests(DeviceId id);
}
