package io.lodestar.acs.cwmp.http;

/**
 * Why the endpoint turned a new session away with 503 and Retry-After (admission control, a graceful stop, the
 * buffered-bytes bound); told to the {@link CwmpServer.Builder#onShed} observer, e.g. metrics.
 */
public enum ShedReason {
    /** The endpoint is stopping: new sessions wait for another node or the restart. */
    STOPPING,
    /** The sessions-in-flight bound is reached (or only its part reserved for preferred sessions is left). */
    TOO_MANY_SESSIONS,
    /** Opening sessions has become slower than {@code cwmp.max-store-latency}: the store struggles. */
    STORE_SLOW,
    /** The bytes all connections may hold in memory together are spent ({@code cwmp.max-buffered-bytes}). */
    MEMORY
}
