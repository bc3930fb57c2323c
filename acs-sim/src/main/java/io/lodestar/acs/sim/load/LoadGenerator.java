package io.lodestar.acs.sim.load;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.core.rpc.EventStruct;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a fleet of {@link LoadCpe}s at an ACS: {@code concurrency} worker threads, each with its own connection,
 * take the devices whose session is due from one delay queue and run it. What a device does next depends on the
 * scenario: periodic devices are due again one interval later (fleet / rate) or at once; in the once-per-device
 * scenarios a served device is done and a failed one retries after the TR-069 back-off. A phase ends at its
 * duration, its session bound, or when every device was served. Devices share one {@link BaseTree}.
 */
public final class LoadGenerator {

    private final LoadConfig config;
    private final PrintStream out;
    private final BaseTree base;
    private final List<LoadCpe> fleet;
    private final CwmpCodec codec = CwmpCodec.forCpe();
    private final RetryBackoff backoff;

    public LoadGenerator(LoadConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.base = new BaseTree(config.model());
        this.backoff = new RetryBackoff(config.retryScale());
        this.fleet = new ArrayList<>(config.devices());
        for (int i = 0; i < config.devices(); i++) {
            LoadCpe cpe = new LoadCpe(base, i, String.format(Locale.ROOT, "%s%07d", config.serialPrefix(), i + 1));
            if (config.prime() || config.scenario() == Scenario.DISCOVERY) {
                cpe.fresh(); // else the ACS knows them already (an earlier run): their first Inform is no bootstrap
            }
            fleet.add(cpe);
        }
    }

    List<LoadCpe> fleet() {
        return fleet;
    }

    /** Runs the priming discovery when asked (and the scenario needs known devices), then the scenario. */
    public LoadReport run() throws IOException, InterruptedException {
        List<PhaseResult> phases = new ArrayList<>();
        ConnectionRequestListener listener = null;
        try {
            if (config.scenario() == Scenario.CONNECTION_REQUEST_STORM) {
                listener = ConnectionRequestListener.start(fleet);
                for (LoadCpe cpe : fleet) {
                    cpe.tree().connectionRequestUrl(listener.urlOf(cpe));
                }
            }
            if (config.prime() && config.scenario() != Scenario.DISCOVERY) {
                phases.add(phase("prime", Scenario.DISCOVERY, null, config.primeTimeout(), 0));
            }
            phases.add(phase(config.scenario().cliName(), config.scenario(), listener, config.duration(),
                    config.maxSessions()));
        } finally {
            if (listener != null) {
                listener.close();
            }
        }
        return new LoadReport(config, phases);
    }

    private PhaseResult phase(String name, Scenario scenario, ConnectionRequestListener listener, Duration duration,
                              long maxSessions) throws InterruptedException {
        LoadStats stats = new LoadStats();
        DelayQueue<Job> queue = new DelayQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger unserved = new AtomicInteger(config.devices());
        AtomicLong sessions = new AtomicLong();
        AtomicLong lastServedNanos = new AtomicLong();
        boolean[] served = new boolean[config.devices()];
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        long intervalNanos = config.rate() > 0 ? (long) (config.devices() * 1e9 / config.rate()) : 0;
        String trigger = scenario == Scenario.CONNECTION_REQUEST_STORM ? EventStruct.CONNECTION_REQUEST : null;
        for (LoadCpe cpe : fleet) {
            if (scenario == Scenario.BOOT_STORM) {
                cpe.powerCycled();
            }
            if (scenario == Scenario.PERIODIC) {
                long offset = intervalNanos == 0 ? 0 : (long) (cpe.number() * 1e9 / config.rate());
                queue.add(new Job(cpe, start + offset, null));
            } else if (scenario != Scenario.CONNECTION_REQUEST_STORM) {
                queue.add(new Job(cpe, start, null));
            }
        }
        if (listener != null) {
            listener.deliverTo(cpe -> queue.add(new Job(cpe, System.nanoTime(), trigger)));
        }
        SessionDriver driver = new SessionDriver(codec, stats, config.username(), config.password(),
                config.reuseNonce());
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
        List<Thread> workers = new ArrayList<>(config.concurrency());
        for (int w = 0; w < config.concurrency(); w++) {
            Thread t = new Thread(() -> {
                try (BlockingHttpConnection http = new BlockingHttpConnection(config.url(), timeoutMillis)) {
                    while (!stop.get()) {
                        Job job = queue.poll(50, TimeUnit.MILLISECONDS);
                        if (job == null) {
                            continue;
                        }
                        if (stop.get()) {
                            break;
                        }
                        if (maxSessions > 0 && sessions.incrementAndGet() > maxSessions) {
                            stop.set(true);
                            break;
                        }
                        LoadCpe cpe = job.cpe();
                        stats.sessionStarted();
                        long t0 = System.nanoTime();
                        SessionDriver.Outcome o = driver.run(cpe, job.trigger(), http);
                        long t1 = System.nanoTime();
                        cpe.sessionEnded(o.ok());
                        stats.sessionEnded(o.ok(), t1 - t0);
                        if (!o.ok()) {
                            stats.error(o.errorKind());
                            http.close();
                        } else if (config.connectPerSession()) {
                            http.close();
                        }
                        if (o.ok()) {
                            synchronized (served) {
                                if (!served[cpe.number()]) {
                                    served[cpe.number()] = true;
                                    lastServedNanos.set(t1);
                                    if (unserved.decrementAndGet() == 0 && scenario.once()) {
                                        stop.set(true);
                                    }
                                }
                            }
                        }
                        if (!o.ok()) {
                            queue.add(new Job(cpe, t1 + backoff.waitNanos(cpe.retryCount(), o.retryAfterSeconds()),
                                    job.trigger()));
                        } else if (scenario == Scenario.PERIODIC) {
                            queue.add(new Job(cpe, intervalNanos == 0 ? t1 : job.dueNanos() + intervalNanos, null));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "load-" + name + "-" + w);
            t.setDaemon(true);
            workers.add(t);
        }
        workers.forEach(Thread::start);
        Thread trigger0 = null;
        if (scenario == Scenario.CONNECTION_REQUEST_STORM) {
            trigger0 = new ApiTrigger(config.apiUrl(), config.apiToken(), base.model().root(), stats, stop)
                    .startFor(fleet, Math.max(2, Math.min(32, config.concurrency() / 4)));
        }
        long end = start + duration.toNanos();
        long every = Math.max(100_000_000L, config.progressEvery().toNanos());
        long nextProgress = start + every;
        long lastOk = 0;
        long lastT = start;
        while (!stop.get() && System.nanoTime() < end) {
            long now = System.nanoTime();
            if (now >= nextProgress) {
                Histogram interval = stats.drain();
                long ok = stats.ok();
                double rate = (ok - lastOk) / ((now - lastT) / 1e9);
                out.printf(Locale.ROOT, "[%s %5.0fs] ok %d (%.0f/s) failed %d in-flight %d due %d %s p99 %.1f ms%s%n",
                        name, (now - start) / 1e9, ok, rate, stats.failed(), stats.inFlight(), queue.size(),
                        scenario.once() ? "unserved " + unserved.get() : "",
                        interval.getTotalCount() == 0 ? 0.0 : interval.getValueAtPercentile(99) / 1000.0,
                        stats.errors().isEmpty() ? "" : " errors " + stats.errors());
                out.flush();
                lastOk = ok;
                lastT = now;
                nextProgress = now + every;
            }
            Thread.sleep(Math.max(1, Math.min(50, (Math.min(nextProgress, end) - System.nanoTime()) / 1_000_000)));
        }
        stop.set(true);
        long stopped = System.nanoTime();
        for (Thread t : workers) {
            t.join(config.timeout().toMillis() * 3 + 1000);
        }
        if (trigger0 != null) {
            trigger0.interrupt();
            trigger0.join(5000);
        }
        if (listener != null) {
            listener.deliverTo(null);
        }
        stats.drain();
        long servedCount = config.devices() - unserved.get();
        double drain = scenario.once() && unserved.get() == 0 ? (lastServedNanos.get() - start) / 1e9 : -1;
        return new PhaseResult(name, scenario.cliName(), config.devices(), config.concurrency(),
                (Math.max(stopped, lastServedNanos.get()) - start) / 1e9, stats.ok(), stats.failed(), servedCount,
                drain, stats.sessions(), stats.requests(), stats.rpcs(), stats.errors(), stats.statuses(),
                (processCpuNanos() - cpu0) / 1e9);
    }

    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
