package io.lodestar.acs.store;

import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.LearnedUdpBinding;
import io.lodestar.acs.core.device.SealedCredentials;

import java.util.Optional;

/**
 * What the ACS keeps to wake devices: each device's connection request credentials (the password sealed by the
 * ACS), its last connection request attempt and the UDP binding a STUN server learned for it. A concern of its own beside {@link AcsStore}, with its own
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

    /** Stores (replaces) the UDP binding a node's STUN server learned for the device. */
    void putUdpBinding(DeviceId id, LearnedUdpBinding binding);

    /** The device's last stored UDP binding; empty when none was stored. */
    Optional<LearnedUdpBinding> udpBinding(DeviceId id);

    /**
     * Forgets the device's credentials, attempt and UDP binding (the device was deleted); harmless when none are
     * stored.
     */
    void forgetConnectionRequests(DeviceId id);
}
