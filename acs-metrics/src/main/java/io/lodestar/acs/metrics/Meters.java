package io.lodestar.acs.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Builds the meters of {@link MetricNames} with their descriptions and histogram buckets. The buckets are
 * fixed (Prometheus histograms: a p99 is computed across nodes by summing buckets) and few, so that a timer
 * with a few tags stays a few dozen series.
 */
final class Meters {

    /** A session: from a one-exchange periodic Inform (milliseconds) to a walk of a large tree (minutes). */
    static final Duration[] SESSION_BUCKETS = durations(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000,
            30_000, 60_000, 120_000, 300_000);
    /** An RPC's round trip: a CPE on the LAN answers in milliseconds, a phone busy with a firmware in seconds. */
    static final Duration[] RPC_BUCKETS = durations(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000,
            30_000);
    /** A store operation: microseconds from the cache, milliseconds from RocksDB or Cassandra. */
    static final Duration[] STORE_BUCKETS = new Duration[]{Duration.ofNanos(50_000), Duration.ofNanos(100_000),
            Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5)};
    /** A connection request: an HTTP GET to the CPE, up to its time-out. */
    static final Duration[] CONNECTION_REQUEST_BUCKETS = durations(10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000,
            10_000, 30_000);

    private Meters() {}

    static Counter counter(MeterRegistry registry, MetricNames.Meter meter, String... tags) {
        return Counter.builder(meter.name()).description(meter.description()).tags(tags).register(registry);
    }

    static Timer timer(MeterRegistry registry, MetricNames.Meter meter, Duration[] buckets, String... tags) {
        return Timer.builder(meter.name()).description(meter.description()).tags(tags)
                .serviceLevelObjectives(buckets).register(registry);
    }

    private static Duration[] durations(long... millis) {
        Duration[] d = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            d[i] = Duration.ofMillis(millis[i]);
        }
        return d;
    }
}
