package io.lodestar.acs.sim.load;

import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * The figures of one phase of a load run (the priming discovery, or the measured scenario).
 *
 * @param devicesServed  devices with at least one successful session in the phase
 * @param drainSeconds   for the once-per-device scenarios: from the start to the last device served (-1 if not all were)
 * @param processCpuSeconds CPU time of this whole process during the phase (the generator, and whatever else runs in
 *                          it: a benchmark's in-process server)
 * @param latencyFrom    what {@code sessionMicros} counts from: {@code intended-start} in a paced run (open loop: a
 *                       session that could not start on time counts its wait), else {@code session-start}
 * @param serviceMicros  successful sessions from their first byte to the ACS's last answer
 * @param startLagMicros successful sessions' first byte minus their intended start (the generator's own delay, or
 *                       the wait for room under the concurrency bound)
 * @param engine         {@code async} or {@code threads}
 */
public record PhaseResult(String name, String scenario, int devices, int concurrency, double seconds, long ok, long failed,
                   long devicesServed, double drainSeconds, Histogram sessionMicros, Histogram requestMicros,
                   Map<String, Long> rpcs, Map<String, Long> errors, Map<String, Long> httpStatuses,
                          double processCpuSeconds, String latencyFrom, Histogram serviceMicros,
                          Histogram startLagMicros, String engine) {

    public double sessionsPerSecond() {
        return seconds <= 0 ? 0 : ok / seconds;
    }

    /** Process CPU per session (ok or failed), in milliseconds. */
    public double cpuMillisPerSession() {
        long n = ok + failed;
        return n == 0 ? 0 : processCpuSeconds * 1000 / n;
    }

    /** A percentile of the successful sessions' latency, in milliseconds (0 when none). */
    public double sessionMillis(double percentile) {
        return sessionMicros.getTotalCount() == 0 ? 0 : sessionMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** A percentile of the successful sessions' service time (first byte to last answer), in milliseconds. */
    public double serviceMillis(double percentile) {
        return serviceMicros.getTotalCount() == 0 ? 0 : serviceMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** A percentile of the HTTP requests' latency, in milliseconds (0 when none). */
    public double requestMillis(double percentile) {
        return requestMicros.getTotalCount() == 0 ? 0 : requestMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The phase as a JSON object (latencies in milliseconds). */
    public String toJson() {
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\"phase\":").append(Json.string(name))
                .append(",\"scenario\":").append(Json.string(scenario))
                .append(",\"devices\":").append(devices)
                .append(",\"concurrency\":").append(concurrency)
                .append(",\"seconds\":").append(Json.number(seconds))
                .append(",\"sessionsOk\":").append(ok)
                .append(",\"sessionsFailed\":").append(failed)
                .append(",\"sessionsPerSecond\":").append(Json.number(sessionsPerSecond()))
                .append(",\"devicesServed\":").append(devicesServed)
                .append(",\"processCpuMsPerSession\":").append(Json.number(cpuMillisPerSession()))
                .append(",\"drainSeconds\":").append(drainSeconds < 0 ? "null" : Json.number(drainSeconds))
                .append(",\"engine\":").append(Json.string(engine))
                .append(",\"latencyFrom\":").append(Json.string(latencyFrom))
                .append(",\"sessionLatencyMs\":").append(latency(sessionMicros))
                .append(",\"serviceTimeMs\":").append(latency(serviceMicros))
                .append(",\"startLagMs\":").append(latency(startLagMicros))
                .append(",\"requestLatencyMs\":").append(latency(requestMicros))
                .append(",\"rpcs\":").append(Json.counts(rpcs))
                .append(",\"errors\":").append(Json.counts(errors))
                .append(",\"httpStatuses\":").append(Json.counts(httpStatuses))
                .append('}');
        return sb.toString();
    }

    private static String latency(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "null";
        }
        return "{\"count\":" + h.getTotalCount()
                + ",\"p50\":" + Json.number(h.getValueAtPercentile(50) / 1000.0)
                + ",\"p90\":" + Json.number(h.getValueAtPercentile(90) / 1000.0)
                + ",\"p99\":" + Json.number(h.getValueAtPercentile(99) / 1000.0)
                + ",\"max\":" + Json.number(h.getMaxValue() / 1000.0) + "}";
    }
}
