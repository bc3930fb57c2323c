package io.lodestar.acs.metrics;

import java.util.Locale;

/** Why admission control turned an Inform away with 503 and Retry-After (tag {@code reason}, in lower case). */
public enum ShedReason {
    /** The ACS is stopping (graceful stop): new sessions wait for the next node or the restart. */
    STOPPING,
    /** The bound of sessions in flight is reached (or only the part reserved for preferred sessions is left). */
    TOO_MANY_SESSIONS,
    /** Opening sessions has become slow (the store struggles): new sessions are held back. */
    STORE_SLOW,
    /** The endpoint's memory budget for request bodies is spent. */
    MEMORY;

    /** The tag value, e.g. {@code too_many_sessions}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
