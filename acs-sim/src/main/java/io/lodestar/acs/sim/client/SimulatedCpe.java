package io.lodestar.acs.sim.client;

import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.rpc.CpeRpcHandler;
import io.netty.channel.EventLoop;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One simulated CPE: its data model, what it remembers between sessions (pending events, reboot, transfers)
 * and the HTTP client that runs its CWMP sessions. Sessions run one after the other: a session asked for while
 * another runs starts when that one ends.
 */
public final class SimulatedCpe {

    private final Simulator simulator;
    private final EventLoop loop;
    private final URI acsUrl;
    private final InetSocketAddress address;
    private final DataModel model;
    private final CpeOptions options;
    private final CpeRpcHandler handler;
    private final CwmpVersion version;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private final List<CompletableFuture<SessionReport>> connectionRequestWaiters = new ArrayList<>();
    private final List<CompletableFuture<SessionReport>> scheduledSessionWaiters = new ArrayList<>();
    private volatile String listenUrl;
    /** The Digest answer of the last session that went well, presented again at the next (null: none). */
    private volatile io.lodestar.acs.httpauth.HttpAuthClient lastDigest;
    private int connectionRequests;
    private int rejectedConnectionRequests;
    /** Consecutive failed sessions: the Inform's RetryCount. Touched only on the CPE's loop. */
    private int retryCount;
    private long nextId;
    private int sessions;

    SimulatedCpe(Simulator simulator, EventLoop loop, URI acsUrl, DataModel model, CpeOptions options) {
        String scheme = acsUrl.getScheme() == null ? "" : acsUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new IllegalArgumentException("only http:// ACS URLs are supported: " + acsUrl);
        }
        if (acsUrl.getHost() == null) {
            throw new IllegalArgumentException("no host in " + acsUrl);
        }
        this.simulator = simulator;
        this.loop = loop;
        this.acsUrl = acsUrl;
        this.address = new InetSocketAddress(acsUrl.getHost(), acsUrl.getPort() < 0 ? 80 : acsUrl.getPort());
        this.model = model;
        this.options = options;
        // transfers really move files over HTTP, with the credentials the ACS gave
        this.handler = new CpeRpcHandler(model, Clock.systemUTC(), new HttpTransferAgent(options.timeout()));
        this.version = options.cwmpVersion() != null ? options.cwmpVersion() : model.defaultCwmpVersion();
    }

    /** Runs the next session with the events pending (0 BOOTSTRAP + 1 BOOT first, then 2 PERIODIC, ...). */
    public CompletableFuture<SessionReport> runSession() {
        return enqueue(null, null);
    }

    /**
     * Runs a session whose Inform carries exactly these events (e.g. {@code 6 CONNECTION REQUEST}); events
     * pending from earlier sessions stay pending for the next {@link #runSession()}.
     */
    public CompletableFuture<SessionReport> runSession(List<EventStruct> events) {
        return enqueue(List.copyOf(events), null);
    }

    /**
     * The report of the next session a Connection Request starts (needs
     * {@link CpeOptions#acceptConnectionRequests()}). Ask for it before making the ACS send the request.
     */
    public synchronized CompletableFuture<SessionReport> nextConnectionRequestSession() {
        CompletableFuture<SessionReport> f = new CompletableFuture<>();
        connectionRequestWaiters.add(f);
        return f;
    }

    /** The URL this CPE listens on for Connection Requests, or null when it does not listen. */
    public String connectionRequestUrl() {
        return listenUrl;
    }

    /** How many Connection Requests this CPE accepted. */
    public synchronized int connectionRequestCount() {
        return connectionRequests;
    }

    /** How many Connection Requests this CPE turned away for wrong credentials (it challenges those without any). */
    public synchronized int rejectedConnectionRequestCount() {
        return rejectedConnectionRequests;
    }

    synchronized void connectionRequestRejected() {
        rejectedConnectionRequests++;
    }

    /**
     * An authenticated Connection Request arrived: starts a session with {@code 6 CONNECTION REQUEST} and the
     * pending events, unless a session is running or queued (then false: the listener answers 503).
     */
    boolean connectionRequested() {
        CompletableFuture<SessionReport> f;
        synchronized (this) {
            if (!tail.isDone()) {
                return false;
            }
            connectionRequests++;
            f = enqueue(null, EventStruct.CONNECTION_REQUEST);
        }
        f.whenComplete((report, error) -> {
            List<CompletableFuture<SessionReport>> waiters;
            synchronized (this) {
                waiters = List.copyOf(connectionRequestWaiters);
                connectionRequestWaiters.clear();
            }
            waiters.forEach(w -> w.complete(report));
        });
        return true;
    }

    void listenAt(String url) {
        this.listenUrl = url;
    }

    private synchronized CompletableFuture<SessionReport> enqueue(List<EventStruct> events, String trigger) {
        CompletableFuture<SessionReport> result = new CompletableFuture<>();
        CompletableFuture<?> previous = tail;
        tail = result;
        previous.whenComplete((r, e) -> {
            try {
                loop.execute(() -> new CpeSession(this, events, trigger, result).start());
            } catch (RejectedExecutionException ex) {
                result.complete(new SessionReport(false, "simulator closed", List.of(), List.of(), List.of(), 0,
                        List.of(), Duration.ZERO));
            }
        });
        return result;
    }

    /**
     * A value changes on the CPE's own initiative (a user at the keypad): the hook for notifications. With passive
     * notification (1) the change waits for the next session's {@code 4 VALUE CHANGE}; with active notification
     * (2) the CPE opens that session now, as TR-069 3.2.1 asks, and its report is returned. Otherwise (or with
     * notification off) the returned future is already complete with null.
     */
    public CompletableFuture<SessionReport> changeLocally(String path, String value) {
        model.changeLocally(path, value);
        boolean active = model.attributes(path).notification() == 2 && model.pendingValueChanges().contains(path);
        return active ? runSession() : CompletableFuture.completedFuture(null);
    }

    /** The CPE's current tree: what the ACS changed is there. */
    /** The CPE's RPC behaviour (to give it a deviation such as {@link CpeRpcHandler#fullTreeNames}). */
    public CpeRpcHandler rpcHandler() {
        return handler;
    }

    public DataModel model() {
        return model;
    }

    public DeviceIdStruct deviceId() {
        return model.deviceId();
    }

    public URI acsUrl() {
        return acsUrl;
    }

    public CpeOptions options() {
        return options;
    }

    /** The CWMP version this CPE speaks (its Informs' namespace). */
    public CwmpVersion cwmpVersion() {
        return version;
    }

    /**
     * The events the next {@link #runSession()} will report. Call it between sessions (a running session
     * changes them).
     */
    public List<EventStruct> pendingEvents() {
        return handler.pendingEvents();
    }

    /** How many sessions this CPE has run (ended, successfully or not). */
    public synchronized int sessionCount() {
        return sessions;
    }

    @Override
    public String toString() {
        DeviceIdStruct id = model.deviceId();
        return "SimulatedCpe[" + id.oui() + "-" + id.productClass() + "-" + id.serialNumber() + " -> " + acsUrl + "]";
    }

    // ------------------------------------------------------------------ for CpeSession (on the loop)

    Simulator simulator() {
        return simulator;
    }

    EventLoop loop() {
        return loop;
    }

    InetSocketAddress address() {
        return address;
    }

    CpeRpcHandler handler() {
        return handler;
    }

    int retryCount() {
        return retryCount;
    }

    String nextId() {
        return Long.toString(++nextId);
    }

    io.lodestar.acs.httpauth.HttpAuthClient lastDigest() {
        return lastDigest;
    }

    void lastDigest(io.lodestar.acs.httpauth.HttpAuthClient digest) {
        this.lastDigest = digest;
    }

    void sessionEnded(boolean ok) {
        retryCount = ok ? 0 : retryCount + 1;
        synchronized (this) {
            sessions++;
        }
        for (Instant due : handler.takeNewlyDueInforms()) {
            long delayMillis = Math.max(0, Duration.between(Instant.now(), due).toMillis());
            loop.schedule(this::scheduledInformDue, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** A ScheduleInform's delay has passed: a session with its events (3 SCHEDULED, M ScheduleInform) starts. */
    private void scheduledInformDue() {
        CompletableFuture<SessionReport> f = enqueue(null, null);
        f.whenComplete((report, error) -> {
            List<CompletableFuture<SessionReport>> waiters;
            synchronized (this) {
                waiters = List.copyOf(scheduledSessionWaiters);
                scheduledSessionWaiters.clear();
            }
            waiters.forEach(w -> w.complete(report));
        });
    }

    /** The report of the next session a ScheduleInform starts. Ask for it before the ACS sends the ScheduleInform. */
    public synchronized CompletableFuture<SessionReport> nextScheduledSession() {
        CompletableFuture<SessionReport> f = new CompletableFuture<>();
        scheduledSessionWaiters.add(f);
        return f;
    }
}
