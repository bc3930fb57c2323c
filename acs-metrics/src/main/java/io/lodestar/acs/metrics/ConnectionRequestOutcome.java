package io.lodestar.acs.metrics;

import java.util.Locale;

/**
 * How a connection request to a CPE ended, as {@link AcsMetrics#connectionRequest} records it (tag
 * {@code outcome}, written in lower case). The same cases as the connection requester's transport result.
 */
public enum ConnectionRequestOutcome {
    /** The device took the request (HTTP 2xx). */
    ACCEPTED,
    /** The device refused the credentials, or challenged with a scheme the ACS does not answer. */
    AUTH_REJECTED,
    /** No connection (refused, no route, unknown host). */
    UNREACHABLE,
    /** The connection or the answer took too long. */
    TIMED_OUT,
    /** Another answer (503 while in a session, 404, ...). */
    REFUSED;

    /** The tag value, e.g. {@code auth_rejected}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
