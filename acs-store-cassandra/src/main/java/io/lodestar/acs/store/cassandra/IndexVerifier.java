package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Periodic verification of the indexed parameters' entries (anti-entropy): every {@code interval}, one node of
 * the cluster walks every device of {@code device_index} ({@link ParameterIndexEntries.Walk}, the backfill's code) and
 * brings the entries of all the configured paths to the stored parameters. It closes every gap an entry can fall
 * into and nothing else repairs: a node that ran with another {@code store.indexed-parameters} during a rolling
 * restart, an index write lost for good.
 *
 * <p><b>One node per interval.</b> A pass runs under a lease, the {@code store_settings} row
 * {@value #LEASE} (value = owner, TTL {@link #LEASE_TTL}, taken and renewed by lightweight transactions; nothing
 * else writes that row). When it completes, the completion time is recorded in the row {@value #LAST_PASS}
 * (before the lease is released); a node checks that record before and again after it takes the lease, and starts
 * a pass only when the last one completed at least an interval ago (or, when none is recorded, an interval after
 * this store opened). So a restart or a node waking up never adds a pass, and a node that crashed mid-pass lets
 * another take over once its lease expired.
 *
 * <p><b>Bounded load.</b> One page of devices at a time, at most {@value #IN_FLIGHT} requests in flight (the
 * backfill at open takes more), and {@code pause} after every page that held devices; the steps are tasks of a
 * single-thread {@link ScheduledExecutorService}, so nothing sleeps. The walk is safe beside commits of any node
 * (entries written at the parameters' write times, removed at the summary's).
 *
 * <p><b>Failures</b> (Cassandra unavailable, the lease lost) end the pass with a WARN; it is started again from the
 * start {@link #retryDelay()} later. Callers of the store never see them. {@link #close} stops it: the thread is
 * interrupted (every wait on the driver is interruptible) and ends; a lease still held is released.
 */
final class IndexVerifier {

    /** The {@code store_settings} row of the completion time of the last pass (ISO-8601). */
    static final String LAST_PASS = "index_verified_at";
    /** The {@code store_settings} row of the lease of the node running a pass. */
    static final String LEASE = "index_verification_lease";
    /** Renewed while a pass runs (between pages), so a node that dies mid-pass frees it within this time. */
    static final Duration LEASE_TTL = Duration.ofMinutes(5);
    private static final Duration RENEW_AFTER = Duration.ofMinutes(1);
    /** The longest wait after a failure, or while another node holds the lease. */
    private static final Duration RETRY = Duration.ofMinutes(1);
    /** Requests in flight of a pass (a page's reads, then its writes). */
    static final int IN_FLIGHT = 32;

    private static final Logger LOG = LoggerFactory.getLogger(IndexVerifier.class);

    private final CqlSession session;
    private final Statements st;
    private final ParameterIndexEntries parameterIndex;
    private final Leases leases;
    private final String keyspace;
    private final Duration interval;
    private final Duration pause;
    private final Instant openedAt;
    private final String owner;
    private final ScheduledExecutorService executor;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    // touched by the executor's thread only (and by close once that thread has ended)
    private ScheduledFuture<?> next;
    private Pass pass;
    /** Whether the lease may be this verifier's (set before the request that takes it). */
    private boolean leaseHeld;
    private long leaseRenewedAt;

    private volatile boolean stopped;
    /** For tests: while set, the verifier checks nothing and starts no pass. */
    private volatile boolean held;
    private final AtomicInteger passesStarted = new AtomicInteger();
    /** For tests: the passes this verifier completed. */
    final List<PassRecord> completed = Collections.synchronizedList(new ArrayList<>());

    /** A completed pass: when it started, and its completion time as recorded in {@value #LAST_PASS}. */
    record PassRecord(Instant started, Instant completed, long devices, long set, long removed) {}

    private final class Pass {
        final ParameterIndexEntries.Walk walk = parameterIndex.walk(parameterIndex.indexed().paths(), IN_FLIGHT);
        final Instant started = Instant.now();
        final long startNanos = System.nanoTime();
    }

    private IndexVerifier(CqlSession session, Statements st, ParameterIndexEntries parameterIndex, String keyspace,
                          Duration interval, Duration pause, boolean held) {
        this.session = session;
        this.st = st;
        this.parameterIndex = parameterIndex;
        this.leases = Leases.verifierLease(session, st);
        this.keyspace = keyspace;
        this.interval = interval;
        this.pause = pause;
        this.held = held;
        this.openedAt = Instant.now();
        this.owner = "pid " + ProcessHandle.current().pid() + " " + UUID.randomUUID();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName(keyspace));
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
    }

    /** The verifier's thread's name. */
    static String threadName(String keyspace) {
        return "lodestar-index-verifier-" + keyspace;
    }

    /**
     * Starts verifying (the first check reads the last pass's time, in the background: opening stays fast), or
     * returns null when there is nothing to verify ({@code interval} zero, no indexed path).
     */
    static IndexVerifier start(CqlSession session, Statements st, ParameterIndexEntries parameterIndex, String keyspace,
                               Duration interval, Duration pause, boolean held) {
        if (interval.isZero() || parameterIndex.isEmpty()) {
            return null;
        }
        IndexVerifier v = new IndexVerifier(session, st, parameterIndex, keyspace, interval, pause, held);
        v.schedule(v::tick, Duration.ZERO);
        return v;
    }

    // ---- the schedule -------------------------------------------------------------------------------------

    private void schedule(Runnable task, Duration delay) {
        if (stopped) {
            return;
        }
        try {
            next = executor.schedule(() -> {
                if (!stopped) {
                    task.run();
                }
            }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** How long to wait after a failure, or while another node holds the lease: a minute, at most an interval. */
    Duration retryDelay() {
        return interval.compareTo(RETRY) < 0 ? interval : RETRY;
    }

    /** Decides whether a pass is due; if it is, takes the lease and starts one. */
    private void tick() {
        if (held) {
            schedule(this::tick, retryDelay());
            return;
        }
        try {
            Duration wait = untilDue();
            if (wait != null) {
                schedule(this::tick, wait);
                return;
            }
            leaseHeld = true; // from before the request: if it is cut, the lease may be ours (released on close)
            if (!leases.acquire(LEASE, owner, LEASE_TTL)) {
                leaseHeld = false;
                LOG.debug("keyspace {}: index verification due, another node holds the lease", keyspace);
                schedule(this::tick, retryDelay());
                return;
            }
            leaseRenewedAt = System.nanoTime();
            wait = untilDue(); // a pass may have completed between the check and the lease
            if (wait != null) {
                releaseLease();
                schedule(this::tick, wait);
                return;
            }
            pass = new Pass();
            passesStarted.incrementAndGet();
            LOG.debug("keyspace {}: index verification of {} started", keyspace, parameterIndex.indexed());
            schedule(this::step, Duration.ZERO);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Null when a pass is due now, else how long until it is. */
    private Duration untilDue() {
        Instant last = lastPass();
        Instant due = (last == null ? openedAt : last).plus(interval);
        Instant now = Instant.now();
        return now.isBefore(due) ? Duration.between(now, due) : null;
    }

    /** One page of the pass, then the next after the pause; at the end, the record, the log, the lease released. */
    private void step() {
        try {
            if (System.nanoTime() - leaseRenewedAt > RENEW_AFTER.toNanos()) {
                if (!leases.acquire(LEASE, owner, LEASE_TTL)) { // extends our own, takes it again if it expired
                    leaseHeld = false;
                    throw new IllegalStateException("the lease " + LEASE + " was taken by another node");
                }
                leaseRenewedAt = System.nanoTime();
            }
            boolean more = pass.walk.step();
            if (more) {
                schedule(this::step, pass.walk.lastPageRows() > 0 ? pause : Duration.ZERO);
                return;
            }
            Instant done = Instant.now();
            Async.join(session.executeAsync(st.insertSetting.bind(LAST_PASS, done.toString(), WriteClock.reserve(1))
                    .setIdempotent(true)));
            Pass p = pass;
            ParameterIndexEntries.Walk w = p.walk;
            pass = null;
            LOG.info("keyspace {}: verified the indexed parameters {} of {} devices in {} ms ({} entries set, {} "
                            + "removed)", keyspace, parameterIndex.indexed(), w.devices(),
                    (System.nanoTime() - p.startNanos) / 1_000_000, w.set(), w.removed());
            try {
                releaseLease();
            } catch (RuntimeException e) {
                LOG.debug("keyspace {}: the verifier's lease not released ({}), it expires", keyspace, e.toString());
            }
            completed.add(new PassRecord(p.started, done, w.devices(), w.set(), w.removed()));
            schedule(this::tick, interval);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        if (stopped) {
            return; // closing: the interrupted wait is not a failure
        }
        Duration retry = retryDelay();
        if (pass != null) {
            LOG.warn("keyspace {}: index verification stopped after {} devices, started again in {} s: {}",
                    keyspace, pass.walk.devices(), retry.toSeconds(), e.toString());
        } else {
            LOG.warn("keyspace {}: index verification not started, tried again in {} s: {}", keyspace,
                    retry.toSeconds(), e.toString());
        }
        pass = null;
        try {
            releaseLease();
        } catch (RuntimeException ignored) {
            // it expires with its TTL
        }
        schedule(this::tick, retry);
    }

    private void releaseLease() {
        if (leaseHeld) {
            leaseHeld = false;
            leases.release(LEASE, owner);
        }
    }

    /** The completion time of the last pass, null when none is recorded (or the record is unreadable). */
    private Instant lastPass() {
        Row r = Async.join(session.executeAsync(st.selectSetting.bind(LAST_PASS))).one();
        if (r == null || r.isNull(0)) {
            return null;
        }
        try {
            return Instant.parse(r.getString(0));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ---- tests --------------------------------------------------------------------------------------------

    /** For tests: lets a verifier opened held start checking now. */
    void resume() {
        held = false;
        try {
            executor.execute(() -> {
                if (pass == null && !stopped) { // a tick is pending: run it now instead
                    if (next != null) {
                        next.cancel(false);
                    }
                    tick();
                }
            });
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    /** Passes started by this verifier (completed or not). */
    int passesStarted() {
        return passesStarted.get();
    }

    boolean isTerminated() {
        return executor.isTerminated();
    }

    // ---- closing ------------------------------------------------------------------------------------------

    /**
     * Stops verifying: a pass in progress is cut (its next wait on Cassandra ends at once), the thread ends
     * (waited for up to a few seconds), and a lease still held is released; the returned stage completes
     * once that release has been answered (or failed), so that the caller may close the session after it.
     */
    CompletionStage<?> close() {
        stopped = true;
        executor.shutdownNow();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean ended = executor.awaitTermination(10, TimeUnit.SECONDS);
            for (Thread t : threads) { // the pool is terminated a moment before its thread has ended
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                ended &= !t.isAlive();
            }
            if (!ended) {
                LOG.warn("keyspace {}: the index verifier did not stop within 10 s", keyspace);
                return CompletableFuture.completedFuture(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.completedFuture(null);
        }
        if (!leaseHeld) {
            return CompletableFuture.completedFuture(null);
        }
        leaseHeld = false;
        try {
            return leases.releaseAsync(LEASE, owner).handle((r, e) -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
