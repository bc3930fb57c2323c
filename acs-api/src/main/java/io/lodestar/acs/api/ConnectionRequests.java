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

    /** Stores the credentials the device uses (operators set them on the device themselves). */
    void setCredentials(DeviceId id, String username, String password);

    /** See {@link #wake}. */
    record Wake(CompletableFuture<ConnectionRequestAttempt> delivered,
                CompletableFuture<ConnectionRequestAttempt> finished) {}

    /** Connection requests not wired (an API started alone, in tests): wakes are refused with 503. */
    ConnectionRequests NONE = new ConnectionRequests() {
        @Override
        public Wake wake(DeviceId id) {
            throw new UnsupportedOperationException("connection requests are not enabled on this ACS");
        }

        @Override
        public Optional<ConnectionRequestAttempt> lastAttempt(DeviceId id) {
            return Optional.empty();
        }

        @Override
        public void setCredentials(DeviceId id, String username, String password) {
            throw new UnsupportedOperationException("connection requests are not enabled on this ACS");
        }
    };
}
