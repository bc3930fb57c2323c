package io.lodestar.acs.api;

import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.DeviceId;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the API asks of connection requests: wake a device, read its last attempt, set its credentials. The
 * composition root adapts acs-cwmp's connection requester to it (this module does not see the endpoint).
 */
public interface ConnectionRequests {

    /**
     * Sends a connection request (or joins the one under way).
     *
     * @return futures that never fail: the attempt once delivered (ACCEPTED, or a final failure), and once final
     */
    Wake wake(DeviceId id);

    /** The device's last attempt (under way or stored). */
    Optional<ConnectionRequestAttempt> lastAttempt(DeviceId id);

    /**
     * The UDP binding a STUN server of this ACS learned for the device (this node's, else the one stored by any
     * node); empty without STUN or when none is known.
     */
    default Optional<io.lodestar.acs.core.device.LearnedUdpBinding> learnedUdpBinding(DeviceId id) {
        return Optional.empty();
    }

    /** Stores the credentials the device uses (operators set them on the device themselves). */
    void setCredentials(DeviceId id, String username, String password);

    /**
     * Whether this ACS can send connection requests at all; when not, the API answers 409
     * {@code CONNECTION_REQUESTS_NOT_CONFIGURED} before doing anything (no task queued, nothing stored).
     */
    default boolean configured() {
        return true;
    }

    /** See {@link #wake}. */
    record Wake(CompletableFuture<ConnectionRequestAttempt> delivered,
                CompletableFuture<ConnectionRequestAttempt> finished) {}

    /**
     * Connection requests not wired (a store engine without connection request data, an API started alone): the
     * API refuses wakes and credentials with 409 before calling it (see {@link #configured()}).
     */
    ConnectionRequests NONE = new ConnectionRequests() {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public Wake wake(DeviceId id) {
            throw new IllegalStateException("connection requests are not configured on this ACS");
        }

        @Override
        public Optional<ConnectionRequestAttempt> lastAttempt(DeviceId id) {
            return Optional.empty();
        }

        @Override
        public void setCredentials(DeviceId id, String username, String password) {
            throw new IllegalStateException("connection requests are not configured on this ACS");
        }
    };
}
