package io.lodestar.acs.bench.session;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Drives plain periodic sessions at one server with bounded concurrency: {@code concurrency} worker threads,
 * each with its own keep-alive connection, run sessions back to back; worker {@code w} cycles through devices
 * {@code w, w + concurrency, ...}, so no device is ever in two sessions at once. Everything the workers do during
 * the warmup is thrown away; the measured window is what completes between its start and its end.
 */
final class SessionLoad {

    private final int port;
    private final int concurrency;
    private final int devices;
    private final IntFunction<byte[]> informOf;
    private final BenchAuth auth;

    /**
     * @param informOf the Inform body of device {@code i}, for {@code 0 <= i < devices}
     */
    SessionLoad(int port, int concurrency, int devices, IntFunction<byte[]> informOf) {
        this(port, concurrency, devices, informOf, BenchAuth.OFF);
    }

    /** As above, the CPEs authenticating as {@code auth} says (each connection keeps its own Digest state). */
    SessionLoad(int port, int concurrency, int devices, IntFunction<byte[]> informOf, BenchAuth auth) {
        if (concurrency < 1 || devices < concurrency) {
            throw new IllegalArgumentException("need 1 <= concurrency <= devices, not concurrency " + concurrency
                    + " with " + devices + " devices");
        }
        this.port = port;
        this.concurrency = concurrency;
        this.devices = devices;
        this.informOf = informOf;
        this.auth = auth;
    }

    /** Runs the warmup, then measures for {@code duration}; fails with the first session that failed. */
    LoadResult run(Duration warmup, Duration duration, Runnable atWindowStart, Runnable atWindowEnd)
            throws InterruptedException {
        Recorder latencies = new Recorder(3);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>(concurrency);
        for (int w = 0; w < concurrency; w++) {
            int first = w;
            Thread t = new Thread(() -> work(first, latencies, failure), "bench-cpe-" + w);
            t.setDaemon(true);
            workers.add(t);
        }
        workers.forEach(Thread::start);
        try {
            pause(warmup, failure);
            latencies.getIntervalHistogram(); // drop the warmup
            atWindowStart.run();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            pause(duration, failure);
            Histogram window = latencies.getIntervalHistogram();
            long t1 = System.nanoTime();
            long cpu1 = processCpuNanos();
            atWindowEnd.run();
            return new LoadResult(window.getTotalCount(), (t1 - t0) / 1e9, window.getValueAtPercentile(50),
                    window.getValueAtPercentile(99), window.getMaxValue(), (cpu1 - cpu0) / 1e6);
        } finally {
            workers.forEach(Thread::interrupt);
            for (Thread t : workers) {
                t.join(TimeUnit.SECONDS.toMillis(70));
            }
        }
    }

    /** Waits out {@code d}, but stops at once when a session failed (the figures would be meaningless). */
    private static void pause(Duration d, AtomicReference<Exception> failure) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            Exception e = failure.get();
            if (e != null) {
                throw new IllegalStateException("a session failed: " + e.getMessage(), e);
            }
            Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    private void work(int first, Recorder latencies, AtomicReference<Exception> failure) {
        try (CpeConnection connection = new CpeConnection(port, auth)) {
            int device = first;
            while (!Thread.currentThread().isInterrupted()) {
                byte[] inform = informOf.apply(device);
                long start = System.nanoTime();
                connection.session(inform);
                latencies.recordValue((System.nanoTime() - start) / 1000);
                device += concurrency;
                if (device >= devices) {
                    device = first;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                failure.compareAndSet(null, e);
            }
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report the process's CPU time");
    }

    /**
     * What one measured window saw.
     *
     * @param sessions  sessions completed in the window
     * @param seconds   the window's length
     * @param p50Micros median session latency (Inform sent to 204 received)
     * @param p99Micros 99th percentile
     * @param maxMicros the slowest
     * @param cpuMillis the whole process's CPU time in the window: server, client and JVM alike
     */
    record LoadResult(long sessions, double seconds, long p50Micros, long p99Micros, long maxMicros,
                      double cpuMillis) {

        double sessionsPerSecond() {
            return sessions / seconds;
        }

        double cpuMillisPerSession() {
            return sessions == 0 ? Double.NaN : cpuMillis / sessions;
        }
    }
}
