package io.lodestar.acs.metrics;

import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.cwmp.event.SessionEvent;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions, RPCs, CPE faults and finished tasks, counted from the endpoint's session events. An RPC's round trip is
 * the time between its {@code RpcSent} and {@code RpcAnswered} events of the same session (the ACS's clock, which
 * stamps both): a session has at most one request in flight, so the listener keeps, per session in progress, the
 * request waiting for its answer and the CPE's product class; both go with the session's end.
 *
 * <p>Listeners run on the session's thread before the CPE gets its answer (see {@link SessionListener}): every
 * method here only updates meters and a concurrent map, no I/O, no lock held for long.
 */
public final class SessionMetrics implements SessionListener {

    /** Sessions tracked at most at once (far beyond any endpoint's bound); beyond it RPC latency goes unmeasured. */
    static final int MAX_TRACKED_SESSIONS = 200_000;

    private final MeterRegistry registry;
    private final Map<SessionEvent.Outcome, Counter> sessions = new EnumMap<>(SessionEvent.Outcome.class);
    private final Map<SessionEvent.Outcome, Timer> durations = new EnumMap<>(SessionEvent.Outcome.class);
    private final Map<String, Counter> events = new ConcurrentHashMap<>();
    private final Map<String, Counter> rpcsSent = new ConcurrentHashMap<>();
    private final Map<String, Timer> rpcDurations = new ConcurrentHashMap<>();
    private final Map<String, Counter> faults = new ConcurrentHashMap<>();
    private final Map<String, Counter> tasksFinished = new ConcurrentHashMap<>();
    private final Map<String, Tracked> inProgress = new ConcurrentHashMap<>();
    private final BoundedTagValues eventCodes = new BoundedTagValues(64);
    private final BoundedTagValues methods = new BoundedTagValues(64);
    private final BoundedTagValues faultCodes = new BoundedTagValues(100);
    private final BoundedTagValues productClasses = new BoundedTagValues(200);

    /** What is kept of a session in progress: its product class and the request waiting for an answer. */
    private static final class Tracked {
        final String productClass;
        volatile String method;
        volatile Instant sentAt;

        Tracked(String productClass) {
            this.productClass = productClass;
        }
    }

    public SessionMetrics(MeterRegistry registry) {
        this.registry = registry;
        // every outcome from the start, at zero: a dashboard's rate() sees a series before the first such session
        for (SessionEvent.Outcome outcome : SessionEvent.Outcome.values()) {
            sessions.put(outcome, Meters.counter(registry, MetricNames.SESSIONS, MetricNames.OUTCOME, tag(outcome)));
            durations.put(outcome, Meters.timer(registry, MetricNames.SESSION_DURATION, Meters.SESSION_BUCKETS,
                    MetricNames.OUTCOME, tag(outcome)));
        }
        for (TaskStatus status : TaskStatus.values()) {
            if (status.isFinal()) {
                taskCounter(status);
            }
        }
    }

    @Override
    public void sessionOpened(SessionEvent.Opened event) {
        for (EventStruct e : event.events()) {
            String code = eventCodes.of(e.eventCode());
            events.computeIfAbsent(code, c -> Meters.counter(registry, MetricNames.SESSION_EVENTS, MetricNames.EVENT, c))
                    .increment();
        }
        if (event.sessionId() != null && inProgress.size() < MAX_TRACKED_SESSIONS) {
            inProgress.put(event.sessionId(), new Tracked(productClasses.of(event.productClass())));
        }
    }

    @Override
    public void rpcSent(SessionEvent.RpcSent event) {
        String method = methods.of(event.method());
        rpcsSent.computeIfAbsent(method, m -> Meters.counter(registry, MetricNames.RPCS_SENT, MetricNames.METHOD, m))
                .increment();
        Tracked session = event.sessionId() == null ? null : inProgress.get(event.sessionId());
        if (session != null) {
            session.sentAt = event.at();
            session.method = method;
        }
    }

    @Override
    public void rpcAnswered(SessionEvent.RpcAnswered event) {
        String method = methods.of(event.method());
        Tracked session = event.sessionId() == null ? null : inProgress.get(event.sessionId());
        if (session != null && session.sentAt != null && method.equals(session.method)) {
            Duration roundTrip = Duration.between(session.sentAt, event.at());
            String outcome = event.isFault() ? "fault" : "response";
            rpcDurations.computeIfAbsent(method + '\n' + outcome, k -> Meters.timer(registry, MetricNames.RPC_DURATION,
                            Meters.RPC_BUCKETS, MetricNames.METHOD, method, MetricNames.OUTCOME, outcome))
                    .record(roundTrip.isNegative() ? Duration.ZERO : roundTrip);
            session.sentAt = null;
            session.method = null;
        }
        if (event.isFault()) {
            String code = faultCodes.of(String.valueOf(event.faultCode()));
            String productClass = session == null ? "" : session.productClass;
            faults.computeIfAbsent(method + '\n' + code + '\n' + productClass, k -> Meters.counter(registry,
                    MetricNames.CPE_FAULTS, MetricNames.METHOD, method, MetricNames.FAULT_CODE, code,
                    MetricNames.PRODUCT_CLASS, productClass)).increment();
        }
    }

    @Override
    public void taskFinished(SessionEvent.TaskFinished event) {
        taskCounter(event.status()).increment();
    }

    private Counter taskCounter(TaskStatus status) {
        return tasksFinished.computeIfAbsent(status.name().toLowerCase(Locale.ROOT), s -> Meters.counter(registry,
                MetricNames.TASKS_FINISHED, MetricNames.STATUS, s));
    }

    @Override
    public void sessionEnded(SessionEvent.Ended event) {
        sessions.get(event.outcome()).increment();
        if (event.sessionId() != null) {
            inProgress.remove(event.sessionId());
            Duration d = event.duration();
            durations.get(event.outcome()).record(d == null || d.isNegative() ? Duration.ZERO : d);
        }
    }

    /** Sessions whose RPCs are being timed now (for tests: it returns to zero once every session ended). */
    int tracked() {
        return inProgress.size();
    }

    static String tag(SessionEvent.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }
}
