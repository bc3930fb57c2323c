package io.lodestar.acs.bench;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.store.AcsStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The store half of the load benchmark: what a fleet's sessions ask of a store, measured the same way
 * for every store in one run. Two figures per store:
 * <ul>
 *   <li>session-end writes: bootstrap sessions of devices with {@code parameters} parameters each,
 *       committed by {@code writers} threads at once, reported as parameters written per second;</li>
 *   <li>device loads: {@code loadSnapshot} of random stored devices by {@code writers} threads, reported
 *       as latency percentiles (p50, p99).</li>
 * </ul>
 * Not a test: it asserts nothing and runs only when asked (see docs/store-benchmark.md).
 */
public final class StoreLoadBenchmark {

    /** The shape of one run. */
    public record Shape(int devices, int parameters, int writers, int loads) {}

    /** The figures of one store. */
    public record Figures(String store, double parametersPerSecond, double sessionsPerSecond, double loadP50Millis,
                          double loadP99Millis, double loadsPerSecond) {

        public String row() {
            return String.format(Locale.ROOT, "| %s | %,.0f | %,.1f | %.2f | %.2f | %,.0f |", store,
                    parametersPerSecond, sessionsPerSecond, loadP50Millis, loadP99Millis, loadsPerSecond);
        }
    }

    private StoreLoadBenchmark() {}

    public static String header() {
        return "| store | session-end writes (parameters/s) | sessions/s | load p50 (ms) | load p99 (ms) | loads/s |\n"
                + "|---|---|---|---|---|---|";
    }

    /** Runs both phases against a fresh store. */
    public static Figures run(String name, Supplier<AcsStore> open, Shape shape) throws Exception {
        try (AcsStore store = open.get()) {
            ExecutorService pool = Executors.newFixedThreadPool(shape.writers());
            try {
                long writeStart = System.nanoTime();
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < shape.devices(); i++) {
                    int n = i;
                    writes.add(pool.submit(() -> store.commit(bootstrap(n, shape.parameters()))));
                }
                for (Future<?> f : writes) {
                    f.get();
                }
                double writeSeconds = (System.nanoTime() - writeStart) / 1e9;

                long[] latencies = new long[shape.loads()];
                Random random = new Random(42);
                int[] picks = random.ints(shape.loads(), 0, shape.devices()).toArray();
                long loadStart = System.nanoTime();
                List<Future<?>> loads = new ArrayList<>();
                for (int i = 0; i < shape.loads(); i++) {
                    int n = i;
                    loads.add(pool.submit(() -> {
                        long t = System.nanoTime();
                        if (store.loadSnapshot(deviceId(picks[n])).isEmpty()) {
                            throw new IllegalStateException("device " + picks[n] + " not found");
                        }
                        latencies[n] = System.nanoTime() - t;
                    }));
                }
                for (Future<?> f : loads) {
                    f.get();
                }
                double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
                Arrays.sort(latencies);
                return new Figures(name, (double) shape.devices() * shape.parameters() / writeSeconds,
                        shape.devices() / writeSeconds, percentile(latencies, 0.50) / 1e6,
                        percentile(latencies, 0.99) / 1e6, shape.loads() / loadSeconds);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static DeviceId deviceId(int n) {
        return new DeviceId(String.format("00D09E-BENCH-%08d", n));
    }

    /** A bootstrap session of one device: forget everything, learn {@code parameters} values. */
    static SessionChanges bootstrap(int n, int parameters) {
        Instant now = Instant.now();
        DeviceId id = deviceId(n);
        Device device = new Device(id, new DeviceIdStruct("Acme", "00D09E", "BENCH", String.format("%08d", n)), now, now,
                now, List.of(EventStruct.of(EventStruct.BOOTSTRAP)), "127.0.0.1", "http://127.0.0.1:7547/", "1.0",
                "Device.", "1.0", "A", false, now, java.util.Set.of());
        SessionChanges.Builder b = new SessionChanges.Builder(device).forgetLearned();
        b.upsert(new Parameter("Device.", null, null, false, now));
        for (int i = 0; i < parameters; i++) {
            int table = i / 20;
            b.upsert(new Parameter("Device.Bench.Table." + table + ".Value" + (i % 20), "value-" + i + "-of-" + n,
                    "xsd:string", i % 3 == 0, now));
        }
        return b.build();
    }

    /** Formats a set of figures with the ratios against the first store. */
    public static String report(List<Figures> figures, Shape shape, Duration took) {
        StringBuilder out = new StringBuilder(header()).append('\n');
        figures.forEach(f -> out.append(f.row()).append('\n'));
        if (figures.size() > 1) {
            Figures base = figures.get(0);
            out.append('\n');
            for (Figures f : figures.subList(1, figures.size())) {
                out.append(String.format(Locale.ROOT,
                        "%s vs %s: writes %.2fx, load p50 %.2fx, load p99 %.2fx (above 1: %s is slower / takes longer)%n",
                        f.store(), base.store(), base.parametersPerSecond() / f.parametersPerSecond(),
                        f.loadP50Millis() / base.loadP50Millis(), f.loadP99Millis() / base.loadP99Millis(), f.store()));
            }
        }
        out.append(String.format(Locale.ROOT, "%nshape: %d devices x %d parameters, %d threads, %d loads; run took %ds%n",
                shape.devices(), shape.parameters(), shape.writers(), shape.loads(), took.toSeconds()));
        return out.toString();
    }
}
