package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;

import java.time.Duration;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Decides whether a new session may start: not while the endpoint is stopping, not beyond the sessions-in-flight
 * bound, and, for sessions that can wait (periodic, boot, value change...), not in the reserved part of that bound
 * nor while opening sessions is slow (the store is struggling). Sessions opened by a connection request
 * ({@code 6 CONNECTION REQUEST}: an operator is waiting) or carrying {@code 7 TRANSFER COMPLETE} (the CPE retries
 * it until answered, holding its other work) are preferred. A refused CPE gets 503 with a randomised Retry-After;
 * sessions already started are never refused here.
 *
 * <p>The bound is checked, not reserved: Informs handled at the very same moment may pass it by at most the
 * number of worker threads.
 */
final class Admission {

    /** How long a slow opening keeps counting: then new sessions are let in again to measure afresh. */
    static final Duration LATENCY_MEMORY = Duration.ofSeconds(10);
    private static final double WEIGHT = 0.2;

    private final EndpointLimits limits;
    private final IntSupplier sessionsInFlight;
    private volatile boolean stopping;
    private volatile double latencyNanos;
    private volatile long lastSampleNanos;

    Admission(EndpointLimits limits, IntSupplier sessionsInFlight) {
        this.limits = limits;
        this.sessionsInFlight = sessionsInFlight;
    }

    /** A refusal: why (for metrics) and the text the CPE is answered with. */
    record Shed(ShedReason reason, String text) {}

    /** Why this Inform may not open a session now, or empty when it may. */
    Optional<String> refusal(Inform inform) {
        return shed(inform).map(Shed::text);
    }

    /** Why this Inform may not open a session now, with the reason's kind, or empty when it may. */
    Optional<Shed> shed(Inform inform) {
        if (stopping) {
            return Optional.of(new Shed(ShedReason.STOPPING, "the ACS is stopping: retry later"));
        }
        int inFlight = sessionsInFlight.getAsInt();
        if (inFlight >= limits.maxSessions()) {
            return Optional.of(new Shed(ShedReason.TOO_MANY_SESSIONS, "too many sessions in flight: retry later"));
        }
        if (isPreferred(inform)) {
            return Optional.empty();
        }
        if (inFlight >= limits.maxSessions() - limits.reservedSessions()) {
            return Optional.of(new Shed(ShedReason.TOO_MANY_SESSIONS, "too many sessions in flight: retry later"));
        }
        if (storeIsSlow()) {
            return Optional.of(new Shed(ShedReason.STORE_SLOW, "the ACS is slow to open sessions: retry later"));
        }
        return Optional.empty();
    }

    static boolean isPreferred(Inform inform) {
        return inform.hasEvent(EventStruct.CONNECTION_REQUEST) || inform.hasEvent(EventStruct.TRANSFER_COMPLETE);
    }

    /** How long opening an admitted session took (authentication, loading, lease). */
    void opened(Duration took) {
        long nanos = took.toNanos();
        latencyNanos = lastSampleNanos == 0 ? nanos : latencyNanos * (1 - WEIGHT) + nanos * WEIGHT;
        lastSampleNanos = System.nanoTime();
    }

    private boolean storeIsSlow() {
        if (limits.maxStoreLatency().isZero() || lastSampleNanos == 0) {
            return false;
        }
        boolean recent = System.nanoTime() - lastSampleNanos < LATENCY_MEMORY.toNanos();
        return recent && latencyNanos > limits.maxStoreLatency().toNanos();
    }

    /** From now on no session starts (a stopping ACS). */
    void stop() {
        stopping = true;
    }

    boolean isStopping() {
        return stopping;
    }
}
