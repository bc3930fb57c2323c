package io.lodestar.acs.core.device;

/**
 * What became of one connection request (TR-069 3.2.2), as the ACS stores it per device. Only
 * {@link #SESSION_STARTED} means the device was reached; every other final outcome means its tasks wait for its
 * next Inform.
 */
public enum ConnectionRequestOutcome {
    /** Sent and answered 2xx: waiting for the device's Inform with {@code 6 CONNECTION REQUEST}. */
    ACCEPTED(false),
    /** The device informed with {@code 6 CONNECTION REQUEST} after the request. */
    SESSION_STARTED(true),
    /** The device answered 2xx but no session followed in time: its tasks wait for the next Inform. */
    NO_SESSION(true),
    /** The device refused the credentials (401/403 after authenticating, or a challenge none could answer). */
    AUTH_REJECTED(true),
    /** No connection could be made (refused, no route, unknown host). */
    UNREACHABLE(true),
    /** The connection or the answer took longer than allowed. */
    TIMED_OUT(true),
    /** The device answered with another status (503: busy in a session, 404, ...). */
    REFUSED(true),
    /** No ConnectionRequestURL is known for the device (it never informed one). */
    NO_URL(true),
    /** Not sent: this ACS node's connection request rate or concurrency limit was reached. */
    RATE_LIMITED(true);

    private final boolean isFinal;

    ConnectionRequestOutcome(boolean isFinal) {
        this.isFinal = isFinal;
    }

    /** Whether nothing more will happen to the attempt. */
    public boolean isFinal() {
        return isFinal;
    }
}
