package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * Decides whether a new session may start: not while the endpoint is stopping, not beyond the sessions-in-flight
 * bound, and, for sessions that can wait (periodic, boot, value change...), not in the reserved part of that bound
 * nor while opening sessions is slow (the store is struggling). Sessions opened by a connection request
 * ({@code 6 CONNECTION REQUEST}: an operator is waiting) or carrying {@code 7 TRANSFER COMPLETE} (the CPE retries
 * it until answered, holding its other work) are preferred, and so is any Inform of a device a connection request
 * is under way for (it may inform with another event, e.g. a boot, and the operator still waits). A refused CPE gets
 * 503 with a randomised Retry-After; sessions already started are never refused here.
 *
 * <p>{@link #shedUnread} is the same rule for a request not decoded yet (on the I/O thread, before any worker queue):
 * a storm is turned away there, at the cost of a few byte scans, instead of waiting its turn behind the sessions.
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
    private final Predicate<Inform> wakePending;
    private final BooleanSupplier anyWakePending;
    private volatile boolean stopping;
    private volatile double latencyNanos;
    private volatile long lastSampleNanos;

    Admission(EndpointLimits limits, IntSupplier sessionsInFlight) {
        this(limits, sessionsInFlight, WakesPending.NONE);
    }

    /** @param wakes the devices a connection request is under way for (their Informs are preferred too) */
    Admission(EndpointLimits limits, IntSupplier sessionsInFlight, WakesPending wakes) {
        this.limits = limits;
        this.sessionsInFlight = sessionsInFlight;
        this.wakePending = wakes::pendingFor;
        this.anyWakePending = wakes::any;
    }

    /** A refusal: why (for metrics) and the text the CPE is answered with. */
    record Shed(ShedReason reason, String text) {}

    /** Why this Inform may not open a session now, or empty when it may. */
    Optional<String> refusal(Inform inform) {
        return shed(inform).map(Shed::text);
    }

    /** Why this Inform may not open a session now, with the reason's kind, or empty when it may. */
    Optional<Shed> shed(Inform inform) {
        return shed(isPreferred(inform) || wakePending.test(inform));
    }

    /**
     * For a request that would open a session and is not decoded yet: the refusal when it can be told without the
     * Inform, or empty when the worker must judge it (room left, a preferred event named in the bytes, or some
     * device awaited by a connection request: that device's Inform may be this one).
     */
    Optional<Shed> shedUnread(boolean namesPreferredEvent) {
        if (namesPreferredEvent || stopping || anyWakePending.getAsBoolean()) {
            return Optional.empty();
        }
        return shed(false);
    }

    private Optional<Shed> shed(boolean preferred) {
        if (stopping) {
            return Optional.of(new Shed(ShedReason.STOPPING, "the ACS is stopping: retry later"));
        }
        int inFlight = sessionsInFlight.getAsInt();
        if (inFlight >= limits.maxSessions()) {
            return Optional.of(new Shed(ShedReason.TOO_MANY_SESSIONS, "too many sessions in flight: retry later"));
        }
        if (preferred) {
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

    /** Whether this Inform's session is one an operator waits on (its requests then go first). */
    boolean prefers(Inform inform) {
        return isPreferred(inform) || wakePending.test(inform);
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
