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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a fleet of {@link LoadCpe}s at an ACS: the devices whose session is due are taken from one delay queue and
 * run, at most {@code concurrency} at once, either on a few event-loop threads ({@link AsyncSessions}, the default)
 * or by {@code concurrency} worker threads with a blocking connection each ({@link LoadConfig.Engine#THREADS}). What a device does next depends on the
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
        // the paced schedule: device i informs at start + i/rate, then every devices/rate seconds (open loop)
        boolean paced = scenario == Scenario.PERIODIC && config.rate() > 0;
        long intervalNanos = paced ? (long) (config.devices() * 1e9 / config.rate()) : 0;
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

        // what follows a session, whichever engine ran it: the device's next session (or its retry), the served count
        SessionEnd after = (job, o, t0, t1) -> {
            LoadCpe cpe = job.cpe();
            cpe.sessionEnded(o.ok());
            // a paced session's latency counts from when it was due: the time it waited for the generator or for
            // room under the concurrency bound is latency a CPE on that schedule would see (no coordinated omission)
            long from = paced ? Math.min(job.dueNanos(), t0) : t0;
            stats.sessionEnded(o.ok(), t1 - from, t1 - t0, paced ? t0 - job.dueNanos() : 0);
            if (!o.ok()) {
                stats.error(o.errorKind());
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
        };

        List<Thread> workers = new ArrayList<>(config.concurrency());
        AsyncSessions async = null;
        Semaphore room = null;
        if (config.engine() == LoadConfig.Engine.THREADS) {
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
                            stats.sessionStarted();
                            long t0 = System.nanoTime();
                            SessionDriver.Outcome o = driver.run(job.cpe(), job.trigger(), http);
                            long t1 = System.nanoTime();
                            if (!o.ok() || config.connectPerSession()) {
                                http.close();
                            }
                            after.ended(job, o, t0, t1);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "load-" + name + "-" + w);
                t.setDaemon(true);
                workers.add(t);
            }
        } else {
            // one dispatcher takes the sessions as they fall due and starts them on the event loops, while fewer
            // than the concurrency bound are in flight: no thread per session, no poll loop per thread
            AsyncSessions client = new AsyncSessions(config.url(), timeoutMillis, config.connectPerSession(), stats,
                    Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
            Semaphore permits = new Semaphore(config.concurrency());
            async = client;
            room = permits;
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        Job job = queue.poll(50, TimeUnit.MILLISECONDS);
                        if (job == null) {
                            continue;
                        }
                        boolean admitted = false;
                        while (!stop.get() && !(admitted = permits.tryAcquire(50, TimeUnit.MILLISECONDS))) {
                            // the bound is reached: the due session waits (and its latency counts the wait)
                        }
                        if (!admitted) {
                            break;
                        }
                        if (stop.get() || (maxSessions > 0 && sessions.incrementAndGet() > maxSessions)) {
                            stop.set(true);
                            permits.release();
                            break;
                        }
                        stats.sessionStarted();
                        long t0 = System.nanoTime();
                        client.start(driver.flow(job.cpe(), job.trigger(), client.path()), ended -> {
                            try {
                                after.ended(job, ended.outcome(), t0, ended.endNanos());
                            } finally {
                                permits.release();
                            }
                        });
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "load-" + name + "-dispatch");
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
        long bound = config.timeout().toMillis() * 3 + 1000;
        for (Thread t : workers) {
            t.join(bound);
        }
        if (async != null) {
            // the sessions in flight end (or time out) before the phase's figures are taken, as the workers' do
            if (!room.tryAcquire(config.concurrency(), bound, TimeUnit.MILLISECONDS)) {
                out.println("[" + name + "] sessions still in flight after " + bound + " ms: not counted");
            }
            async.close();
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
                (processCpuNanos() - cpu0) / 1e9, paced ? "intended-start" : "session-start", stats.services(),
                stats.startLags(), config.engine().name().toLowerCase(Locale.ROOT));
    }

    /** What the generator does when a session ended, told by the engine that ran it. */
    @FunctionalInterface
    private interface SessionEnd {
        void ended(Job job, SessionDriver.Outcome outcome, long startNanos, long endNanos);
    }

    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
