package io.lodestar.acs.cwmp.connreq;

import io.lodestar.acs.core.device.ConnectionRequestAttempt;

import java.util.concurrent.CompletableFuture;

/**
 * A connection request under way. Neither future ever fails.
 *
 * @param delivered the attempt once the device answered (ACCEPTED) or could not be reached (a final outcome):
 *                  bounded by the connect and response time-outs
 * @param finished  the attempt once its outcome is final: SESSION_STARTED, NO_SESSION after the session
 *                  time-out, or the failure that ended it
 */
public record Wakeup(CompletableFuture<ConnectionRequestAttempt> delivered,
                     CompletableFuture<ConnectionRequestAttempt> finished) {

    static Wakeup done(ConnectionRequestAttempt a) {
        return new Wakeup(CompletableFuture.completedFuture(a), CompletableFuture.completedFuture(a));
    }
}
