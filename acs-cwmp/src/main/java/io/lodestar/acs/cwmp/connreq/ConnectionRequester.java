package io.lodestar.acs.cwmp.connreq;

import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.ConnectionRequestOutcome;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.SealedCredentials;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.cwmp.event.SessionEvent;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.lodestar.acs.store.ConnectionRequestStore;
import io.lodestar.acs.store.DeviceStore;
import io.lodestar.acs.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Wakes devices: sends a connection request through the first transport that handles the device's address,
 * tells whether a session followed, and stores each attempt's outcome (the device's reachability in the API).
 *
 * <p>"Session started" means the device informed with {@code 6 CONNECTION REQUEST} after the request: the
 * {@link #listener()} (a {@link SessionListener} the endpoint is given) hears of it. When that session opens on
 * another ACS node, that node's requester records the outcome in the store, and this node, which polls the
 * stored attempt while it waits, sees it there.
 *
 * <p>Bounds: at most {@code connreq.max-concurrent} requests in flight on this node and {@code connreq.rate} per
 * second (beyond them an attempt is RATE_LIMITED at once, never queued); one attempt per device at a time (a
 * second wake while one is under way joins it). Store calls run on a small pool of its own with a bounded queue,
 * never on a session's thread.
 */
public final class ConnectionRequester implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRequester.class);
    /** How often an accepted attempt re-reads the store (a session that opened on another node). */
    private static final Duration POLL = Duration.ofSeconds(1);
    /** A session opened this long before the request was sent still answers it (clocks of two nodes). */
    private static final Duration SKEW = Duration.ofSeconds(2);

    private final DeviceStore devices;
    private final ConnectionRequestStore store;
    private final CredentialCipher cipher;
    private final List<ConnectionRequestTransport> transports;
    private final ConnectionRequestSettings settings;
    private final String node;
    private final Clock clock;
    private final TokenBucket rate;
    private final Semaphore inFlight;
    private final ConcurrentHashMap<DeviceId, Pending> pending = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor worker;
    private final ScheduledExecutorService timer;
    private final ExecutorService ownedHttpExecutor;
    private final List<Consumer<ConnectionRequestAttempt>> observers = new CopyOnWriteArrayList<>();

    private ConnectionRequester(DeviceStore devices, ConnectionRequestStore store, CredentialCipher cipher,
                                List<ConnectionRequestTransport> transports, ConnectionRequestSettings settings,
                                String node, Clock clock, ExecutorService ownedHttpExecutor) {
        this.devices = devices;
        this.store = store;
        this.cipher = cipher;
        this.transports = List.copyOf(transports);
        this.settings = settings;
        this.node = node;
        this.clock = clock;
        this.ownedHttpExecutor = ownedHttpExecutor;
        this.rate = new TokenBucket(settings.ratePerSecond());
        this.inFlight = new Semaphore(settings.maxConcurrent());
        AtomicInteger n = new AtomicInteger();
        this.worker = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(20_000), r -> {
            Thread t = new Thread(r, "lodestar-connreq-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lodestar-connreq-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A requester sending HTTP connection requests, and through {@code extra} transports (UDP through the STUN
     * server, wired by acs-server) to the addresses they offer, in the order {@link TargetOrder} gives.
     */
    public static ConnectionRequester http(DeviceStore devices, ConnectionRequestStore store, CredentialCipher cipher,
                                           ConnectionRequestSettings settings, String node, Clock clock,
                                           ConnectionRequestTransport... extra) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService http = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "lodestar-connreq-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<ConnectionRequestTransport> all = new java.util.ArrayList<>();
        all.add(new HttpConnectionRequestTransport(settings.connectTimeout(), settings.responseTimeout(),
                settings.allowBasic(), http));
        all.addAll(List.of(extra));
        return new ConnectionRequester(devices, store, cipher, all, settings, node, clock, http);
    }

    /** A requester over the given transports (tests, or a composition with other transports). */
    public static ConnectionRequester over(DeviceStore devices, ConnectionRequestStore store, CredentialCipher cipher,
                                           List<ConnectionRequestTransport> transports,
                                           ConnectionRequestSettings settings, String node, Clock clock) {
        return new ConnectionRequester(devices, store, cipher, transports, settings, node, clock, null);
    }

    /** Whether a connection request for this device is under way on this node (not yet answered by a session). */
    public boolean isWaking(DeviceId id) {
        return pending.containsKey(id);
    }

    /** Whether any connection request is under way on this node. */
    public boolean anyWaking() {
        return !pending.isEmpty();
    }

    /**
     * Sends a connection request to the device (or joins the one under way). Reads the device and its
     * credentials from the store on the calling thread; everything after is asynchronous.
     *
     * @throws StoreUnavailableException when the device or its credentials cannot be read
     */
    public Wakeup wake(DeviceId id) {
        Pending running = pending.get(id);
        if (running != null) {
            return running.wakeup;
        }
        Instant now = clock.instant();
        String attemptId = UUID.randomUUID().toString();
        Optional<Device> device = devices.findDevice(id);
        String url = device.map(Device::connectionRequestUrl).filter(u -> !u.isBlank()).orElse(null);
        Map<String, String> managementServer = device.map(this::managementServer).orElse(Map.of());
        List<String> others = device.map(d -> otherAddresses(d.id(), managementServer)).orElse(List.of());
        if (url == null && others.isEmpty()) {
            return Wakeup.done(record(id, new ConnectionRequestAttempt(attemptId, now, null, ConnectionRequestOutcome.NO_URL,
                    now, device.isEmpty() ? "unknown device" : "the device reported no ConnectionRequestURL"
                    + (offersAddresses() ? " and no UDP connection request address" : ""), node)));
        }
        String remote = device.get().remoteAddress();
        List<String> targets = TargetOrder.of(url == null ? List.of()
                        : ReachableTargets.of(url, remote, settings.tryObservedAddress()), others,
                ReachableTargets.behindNat(url, remote), managementServer);
        if (url == null) {
            url = targets.get(0); // named in the attempt until a target is tried
        }
        if (!inFlight.tryAcquire()) {
            return Wakeup.done(record(id, new ConnectionRequestAttempt(attemptId, now, url,
                    ConnectionRequestOutcome.RATE_LIMITED, now, "connreq.max-concurrent requests in flight", node)));
        }
        if (!rate.tryTake()) {
            inFlight.release();
            return Wakeup.done(record(id, new ConnectionRequestAttempt(attemptId, now, url,
                    ConnectionRequestOutcome.RATE_LIMITED, now, "connreq.rate reached", node)));
        }
        Pending p = new Pending(id, new ConnectionRequestAttempt(attemptId, now, url, ConnectionRequestOutcome.ACCEPTED,
                now, "sending", node));
        Pending raced = pending.putIfAbsent(id, p);
        if (raced != null) {
            inFlight.release();
            return raced.wakeup;
        }
        String username = "";
        String password = "";
        try {
            Optional<SealedCredentials> c = store.credentials(id);
            if (c.isPresent()) {
                username = c.get().username();
                password = cipher.open(id, c.get().sealedPassword());
            }
        } catch (RuntimeException e) {
            inFlight.release();
            pending.remove(id, p);
            throw e;
        }
        try {
            // stored before sending: the device's Inform may reach another node before the answer reaches this one,
            // and that node records SESSION_STARTED on this very attempt
            store.putAttempt(id, p.attempt);
        } catch (RuntimeException e) {
            inFlight.release();
            pending.remove(id, p);
            throw e;
        }
        send(p, targets, 0, username, password).whenComplete((d, e) -> {
            inFlight.release();
            delivered(p, d != null ? d : new ConnectionRequestTransport.Delivery(
                    ConnectionRequestTransport.Result.UNREACHABLE, String.valueOf(e)));
        });
        return p.wakeup;
    }

    /** Tries the targets in order, the next one only when a target could not be reached at all. */
    private CompletableFuture<ConnectionRequestTransport.Delivery> send(Pending p, List<String> targets, int i,
                                                                         String username, String password) {
        var target = new ConnectionRequestTransport.Target(targets.get(i), username, password);
        p.target = target.address();
        ConnectionRequestTransport transport = transports.stream().filter(t -> t.handles(target)).findFirst().orElse(null);
        p.sentTo = target;
        p.transport = transport;
        if (transport == null) {
            return CompletableFuture.completedFuture(new ConnectionRequestTransport.Delivery(
                    ConnectionRequestTransport.Result.UNREACHABLE, "no transport for " + target.address()));
        }
        return transport.send(target).thenCompose(d -> {
            boolean notReached = d.result() == ConnectionRequestTransport.Result.UNREACHABLE
                    || d.result() == ConnectionRequestTransport.Result.TIMED_OUT;
            if (notReached && i + 1 < targets.size() && !p.done.get()) {
                return send(p, targets, i + 1, username, password);
            }
            return CompletableFuture.completedFuture(d);
        });
    }

    private void delivered(Pending p, ConnectionRequestTransport.Delivery d) {
        observe(p.attempt.withOutcome(outcomeOf(d.result()), clock.instant(), d.detail()).withTarget(p.target));
        if (p.done.get()) {
            return; // the session opened before the answer arrived
        }
        Instant now = clock.instant();
        if (d.result() != ConnectionRequestTransport.Result.ACCEPTED) {
            finish(p, p.attempt.withOutcome(outcomeOf(d.result()), now, d.detail()).withTarget(p.target));
            return;
        }
        ConnectionRequestAttempt accepted = p.attempt.withOutcome(ConnectionRequestOutcome.ACCEPTED, now, d.detail())
                .withTarget(p.target);
        p.attempt = accepted;
        // not written again: the stored attempt says ACCEPTED already, and another node may have finished it since
        p.wakeup.delivered().complete(accepted);
        try {
            p.timeout = timer.schedule(() -> worker.execute(() -> timedOut(p)), settings.sessionTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            p.poll = timer.scheduleWithFixedDelay(() -> worker.execute(() -> poll(p)), POLL.toMillis(), POLL.toMillis(),
                    TimeUnit.MILLISECONDS);
            if (p.done.get()) { // finished while the timers were being set: finish() may have missed them
                p.timeout.cancel(false);
                p.poll.cancel(false);
            }
        } catch (RejectedExecutionException closed) {
            finish(p, accepted.withOutcome(ConnectionRequestOutcome.NO_SESSION, now, "ACS shutting down"));
        }
    }

    private void timedOut(Pending p) {
        poll(p);
        finish(p, p.attempt.withOutcome(ConnectionRequestOutcome.NO_SESSION, clock.instant(), "no Inform within "
                + settings.sessionTimeout().toSeconds() + " s: the device's tasks wait for its next Inform"));
    }

    /** A session of the device that opened on another node was recorded there. */
    private void poll(Pending p) {
        if (p.done.get()) {
            return;
        }
        try {
            store.lastAttempt(p.device).filter(a -> a.id().equals(p.attempt.id()) && a.outcome().isFinal())
                    .ifPresent(a -> finish(p, a, false));
        } catch (StoreUnavailableException e) {
            // the next poll or the time-out settles it
        }
    }

    private void finish(Pending p, ConnectionRequestAttempt a) {
        finish(p, a, true);
    }

    private void finish(Pending p, ConnectionRequestAttempt a, boolean write) {
        if (!p.done.compareAndSet(false, true)) {
            return;
        }
        p.attempt = a;
        if (p.timeout != null) {
            p.timeout.cancel(false);
        }
        if (p.poll != null) {
            p.poll.cancel(false);
        }
        pending.remove(p.device, p);
        if (a.outcome() == ConnectionRequestOutcome.SESSION_STARTED && p.transport != null) {
            p.transport.sessionStarted(p.sentTo);
        }
        CompletableFuture<?> written = write ? p.write(a) : CompletableFuture.completedFuture(null);
        // waiters hear of it once stored, so that a read after the answer sees it
        written.whenComplete((r, e) -> {
            p.wakeup.delivered().complete(a);
            p.wakeup.finished().complete(a);
        });
        LOG.debug("connection request to {} via {}: {} ({})", p.device, a.target(), a.outcome(), a.detail());
    }

    private ConnectionRequestAttempt record(DeviceId id, ConnectionRequestAttempt a) {
        try {
            store.putAttempt(id, a);
        } catch (StoreUnavailableException e) {
            LOG.warn("connection request outcome of {} not stored: {}", id, e.getMessage());
        }
        return a;
    }

    /**
     * Hears each request this node sent once the device answered it or could not be reached (for metrics): the
     * attempt's outcome is the transport's result (ACCEPTED, AUTH_REJECTED, UNREACHABLE, TIMED_OUT, REFUSED), its
     * {@code outcomeAt - requestedAt} the time it took. Wakes not sent (NO_URL, RATE_LIMITED) are not told. Called
     * on the transports' threads: it must be quick.
     */
    public void onDelivery(Consumer<ConnectionRequestAttempt> observer) {
        observers.add(java.util.Objects.requireNonNull(observer, "observer"));
    }

    private void observe(ConnectionRequestAttempt a) {
        for (Consumer<ConnectionRequestAttempt> o : observers) {
            try {
                o.accept(a);
            } catch (RuntimeException e) {
                LOG.warn("connection request observer failed: {}", e.toString());
            }
        }
    }

    private boolean offersAddresses() {
        return transports.stream().anyMatch(ConnectionRequestTransport::offersAddresses);
    }

    /** The device's ManagementServer parameters by relative name, read only when a transport may use them. */
    private Map<String, String> managementServer(Device d) {
        if (!offersAddresses()) {
            return Map.of();
        }
        String prefix = (d.dataModelRoot() == null ? "Device." : d.dataModelRoot()) + "ManagementServer.";
        Map<String, String> out = new HashMap<>();
        for (Parameter parameter : devices.parameters(d.id(), prefix)) {
            if (!parameter.isObject() && parameter.value() != null && parameter.path().startsWith(prefix)) {
                out.put(parameter.path().substring(prefix.length()), parameter.value());
            }
        }
        return out;
    }

    private List<String> otherAddresses(DeviceId id, Map<String, String> managementServer) {
        List<String> out = new ArrayList<>();
        for (ConnectionRequestTransport t : transports) {
            if (t.offersAddresses()) {
                t.addressFor(id, managementServer).filter(a -> !out.contains(a)).ifPresent(out::add);
            }
        }
        return out;
    }

    private static ConnectionRequestOutcome outcomeOf(ConnectionRequestTransport.Result r) {
        return switch (r) {
            case ACCEPTED -> ConnectionRequestOutcome.ACCEPTED;
            case AUTH_REJECTED -> ConnectionRequestOutcome.AUTH_REJECTED;
            case UNREACHABLE -> ConnectionRequestOutcome.UNREACHABLE;
            case TIMED_OUT -> ConnectionRequestOutcome.TIMED_OUT;
            case REFUSED -> ConnectionRequestOutcome.REFUSED;
        };
    }

    /** The device's last attempt: the one under way on this node, else the stored one. */
    public Optional<ConnectionRequestAttempt> lastAttempt(DeviceId id) {
        Pending p = pending.get(id);
        return p != null ? Optional.of(p.attempt) : store.lastAttempt(id);
    }

    /**
     * Stores credentials the device is known to use (an operator set them on the device, or the ACS's
     * SetParameterValues of them is done); the password sealed.
     */
    public void setCredentials(DeviceId id, String username, String password, boolean applied) {
        store.putCredentials(id, new SealedCredentials(username, cipher.seal(id, password), applied));
    }

    /** Marks the device's stored credentials as in use by the device. */
    public void credentialsApplied(DeviceId id) {
        store.credentials(id).ifPresent(c -> store.putCredentials(id, c.asApplied()));
    }

    /** Runs store work off the sessions' threads, on this requester's bounded pool. */
    public void runLater(Runnable work) {
        try {
            worker.execute(work);
        } catch (RejectedExecutionException closed) {
            LOG.debug("connection request work dropped: shutting down");
        }
    }

    /** What the endpoint tells this requester: sessions opened with 6 CONNECTION REQUEST. */
    public SessionListener listener() {
        return new SessionListener() {
            @Override
            public void sessionOpened(SessionEvent.Opened event) {
                if (event.events().stream().noneMatch(e -> EventStruct.CONNECTION_REQUEST.equals(e.eventCode()))) {
                    return;
                }
                Pending p = pending.get(event.deviceId());
                if (p != null && !event.at().isBefore(p.attempt.requestedAt().minus(SKEW))) {
                    // the target the request reached: the session may open before its sender heard back (UDP)
                    ConnectionRequestAttempt reached = p.target == null ? p.attempt : p.attempt.withTarget(p.target);
                    finish(p, reached.withOutcome(ConnectionRequestOutcome.SESSION_STARTED, event.at(),
                            "session " + event.sessionId() + " from " + event.remoteAddress()));
                    return;
                }
                // maybe an attempt of another node: record the outcome where that node looks for it
                runLater(() -> {
                    try {
                        store.lastAttempt(event.deviceId())
                                .filter(a -> !a.outcome().isFinal()
                                        && !event.at().isBefore(a.requestedAt().minus(SKEW)))
                                .ifPresent(a -> store.putAttempt(event.deviceId(), a.withOutcome(
                                        ConnectionRequestOutcome.SESSION_STARTED, event.at(), "session "
                                                + event.sessionId() + " on node " + node)));
                    } catch (StoreUnavailableException e) {
                        LOG.debug("connection request outcome of {} not recorded: {}", event.deviceId(), e.getMessage());
                    }
                });
            }
        };
    }

    /** Attempts under way on this node (tests, metrics). */
    public int inFlight() {
        return settings.maxConcurrent() - inFlight.availablePermits();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (ownedHttpExecutor != null) {
            ownedHttpExecutor.shutdownNow();
        }
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One attempt under way; its store writes happen one after the other, in order. */
    private final class Pending {
        final DeviceId device;
        final Wakeup wakeup = new Wakeup(new CompletableFuture<>(), new CompletableFuture<>());
        final AtomicBoolean done = new AtomicBoolean();
        volatile ConnectionRequestAttempt attempt;
        volatile String target;
        volatile ConnectionRequestTransport.Target sentTo;
        volatile ConnectionRequestTransport transport;
        volatile ScheduledFuture<?> timeout;
        volatile ScheduledFuture<?> poll;
        private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);

        Pending(DeviceId device, ConnectionRequestAttempt attempt) {
            this.device = device;
            this.attempt = attempt;
            this.target = attempt.target();
        }

        synchronized CompletableFuture<Void> write(ConnectionRequestAttempt a) {
            writes = writes.thenRunAsync(() -> {
                try {
                    store.putAttempt(device, a);
                } catch (RuntimeException e) {
                    LOG.warn("connection request outcome of {} not stored: {}", device, e.getMessage());
                }
            }, worker);
            return writes;
        }
    }
}
