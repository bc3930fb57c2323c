package io.lodestar.acs.sim.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a load run counts, recorded by many workers without locks (HdrHistogram recorders, adders): sessions ok and
 * failed, session latency (to the ACS's last answer, including a 401 round trip: from the session's intended start in
 * a paced run, so that a session that could not start on time counts its wait, else from its first byte), service
 * time (first byte of the Inform to the last answer) and start lag (first byte minus intended start) of the
 * successful sessions, request latency (each HTTP exchange), the ACS's requests by method, and failures by kind.
 * {@link #drain()} moves the recorders' intervals into the totals, for a progress line.
 */
final class LoadStats {

    private final Recorder sessionMicros = new Recorder(3);
    private final Recorder requestMicros = new Recorder(3);
    private final Recorder serviceMicros = new Recorder(3);
    private final Recorder startLagMicros = new Recorder(3);
    private final Histogram sessionTotal = new Histogram(3);
    private final Histogram serviceTotal = new Histogram(3);
    private final Histogram startLagTotal = new Histogram(3);
    private final Histogram requestTotal = new Histogram(3);
    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder inFlight = new LongAdder();
    private final Map<String, LongAdder> rpcs = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private Histogram lastSessionInterval;

    void sessionStarted() {
        inFlight.increment();
    }

    void sessionEnded(boolean success, long nanos) {
        sessionEnded(success, nanos, nanos, 0);
    }

    /** A session ended: its latency as reported, its service time, and how late it started. */
    void sessionEnded(boolean success, long latencyNanos, long serviceNanos, long startLagNanos) {
        inFlight.decrement();
        (success ? ok : failed).increment();
        if (success) {
            sessionMicros.recordValue(Math.max(1, latencyNanos / 1000));
            serviceMicros.recordValue(Math.max(1, serviceNanos / 1000));
            startLagMicros.recordValue(Math.max(0, startLagNanos / 1000));
        }
    }

    void request(long nanos, int status) {
        requestMicros.recordValue(Math.max(1, nanos / 1000));
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    void rpc(String method) {
        rpcs.computeIfAbsent(method, m -> new LongAdder()).increment();
    }

    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    long ok() {
        return ok.sum();
    }

    long failed() {
        return failed.sum();
    }

    long inFlight() {
        return inFlight.sum();
    }

    /** Moves what was recorded since the last call into the totals; returns the sessions' interval. */
    synchronized Histogram drain() {
        lastSessionInterval = sessionMicros.getIntervalHistogram();
        sessionTotal.add(lastSessionInterval);
        requestTotal.add(requestMicros.getIntervalHistogram());
        serviceTotal.add(serviceMicros.getIntervalHistogram());
        startLagTotal.add(startLagMicros.getIntervalHistogram());
        return lastSessionInterval;
    }

    synchronized Histogram services() {
        return serviceTotal.copy();
    }

    synchronized Histogram startLags() {
        return startLagTotal.copy();
    }

    synchronized Histogram sessions() {
        return sessionTotal.copy();
    }

    synchronized Histogram requests() {
        return requestTotal.copy();
    }

    Map<String, Long> rpcs() {
        return sorted(rpcs);
    }

    Map<String, Long> errors() {
        return sorted(errors);
    }

    Map<String, Long> statuses() {
        Map<String, Long> out = new TreeMap<>();
        statuses.forEach((k, v) -> out.put(Integer.toString(k), v.sum()));
        return out;
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
