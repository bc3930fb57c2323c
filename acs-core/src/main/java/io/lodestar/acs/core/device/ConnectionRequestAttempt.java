package io.lodestar.acs.core.device;

import java.time.Instant;
import java.util.Objects;

/**
 * One connection request to a device and what became of it, kept per device (the last one) and shown as part of
 * its reachability.
 *
 * @param id          unique per attempt: the session that answers it is matched by device and time, the id tells
 *                    a later attempt's record from this one's
 * @param requestedAt when the ACS was asked to wake the device
 * @param target      the URL the request went to last (the reported one, or the observed address's), or null
 * @param outcome     what became of it so far
 * @param outcomeAt   when the outcome was reached
 * @param detail      a short explanation for people (the HTTP status, the error), or null
 * @param node        the ACS node that sent it
 */
public record ConnectionRequestAttempt(String id, Instant requestedAt, String target, ConnectionRequestOutcome outcome,
                                       Instant outcomeAt, String detail, String node) {

    public ConnectionRequestAttempt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(outcomeAt, "outcomeAt");
        Objects.requireNonNull(node, "node");
    }

    /** The same attempt with a later outcome. */
    public ConnectionRequestAttempt withOutcome(ConnectionRequestOutcome newOutcome, Instant at, String why) {
        return new ConnectionRequestAttempt(id, requestedAt, target, newOutcome, at, why, node);
    }

    /** The same attempt, sent to another target. */
    public ConnectionRequestAttempt withTarget(String newTarget) {
        return new ConnectionRequestAttempt(id, requestedAt, newTarget, outcome, outcomeAt, detail, node);
    }
}
