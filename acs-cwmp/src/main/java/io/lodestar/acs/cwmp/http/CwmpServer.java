package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.cwmp.auth.AllowAll;
import io.lodestar.acs.cwmp.auth.CpeAuthenticator;
import io.lodestar.acs.cwmp.event.CompositeSessionListener;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.lodestar.acs.cwmp.session.SessionRegistry;
import io.lodestar.acs.cwmp.session.SessionService;
import io.lodestar.acs.store.AcsStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The CPE-facing CWMP endpoint: a Netty HTTP and/or HTTPS server whose sessions the {@link SessionService} drives.
 * Built with {@link #builder()}; {@link #start()} binds, {@link #stopGracefully()} refuses new sessions (503) and
 * lets those in flight finish within the shutdown grace, {@link #close()} stops accepting, ends the sessions in
 * progress (storing what they learned) and releases the threads.
 */
public final class CwmpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CwmpServer.class);

    private final CwmpEndpointConfig config;
    private final EndpointLimits limits;
    private final TlsSettings tlsSettings;
    private final SessionRegistry registry;
    private final SessionService sessions;
    private final CwmpCodec codec;
    private final java.util.function.Consumer<ShedReason> shedObserver;
    private final CpeAuthenticator authenticator;
    private final io.lodestar.acs.cwmp.auth.TaskSecrets taskSecrets;
    private EventLoopGroup bossGroup;
    private EventLoopGroup ioGroup;
    private volatile SessionLanes workers;
    private java.util.concurrent.ScheduledExecutorService sweeper;
    private final WakesPending wakesPending;
    private Channel serverChannel;
    private Channel tlsChannel;
    private volatile ChannelGroup connections;
    private CwmpRequestHandler handler;
    private ReloadingTlsContext tls;
    /** Notified whenever a session ends (after it left the registry): what a graceful stop waits on. */
    private final Object sessionEnded = new Object();

    private CwmpServer(Builder b) {
        this.config = b.config;
        this.limits = b.limits;
        this.tlsSettings = b.tls;
        this.registry = new SessionRegistry(b.sessionIdleTimeout);
        this.sessions = new SessionService(b.store, b.policy,
                registry, b.clock, b.nodeId,
                b.sessionLeaseTtl != null ? b.sessionLeaseTtl : b.sessionIdleTimeout.multipliedBy(2),
                b.authenticator, CompositeSessionListener.of(withEndSignal(b.listeners)),
                b.stalledSessionTakeover != null ? b.stalledSessionTakeover : b.sessionIdleTimeout);
        this.codec = b.codec;
        this.shedObserver = b.shedObserver;
        this.authenticator = b.authenticator;
        this.taskSecrets = b.taskSecrets;
        this.wakesPending = b.wakesPending == null ? WakesPending.NONE : idsOf(b.wakesPending, b.policy);
    }

    /** The Inform's device in the identity scheme, asked of the devices being woken (false when it has no id). */
    private static WakesPending idsOf(WakingDevices waking, SessionPolicy policy) {
        return new WakesPending() {
            @Override
            public boolean pendingFor(io.lodestar.acs.core.rpc.Inform inform) {
                if (!waking.any()) {
                    return false;
                }
                try {
                    return waking.waking(policy.identityScheme().idOf(inform.deviceId()));
                } catch (RuntimeException e) {
                    return false; // no usable DeviceId: the session engine answers that
                }
            }

            @Override
            public boolean any() {
                return waking.any();
            }
        };
    }

    /** The devices a connection request is under way for, by id (the connection requester). */
    public interface WakingDevices {
        /** Whether a connection request is under way for this device; cheap, must not block or throw. */
        boolean waking(io.lodestar.acs.core.device.DeviceId device);

        /** Whether any is under way; cheap. */
        boolean any();
    }

    /** The listeners, then one that wakes a graceful stop when a session ends (told after it left the registry). */
    private List<SessionListener> withEndSignal(List<SessionListener> listeners) {
        List<SessionListener> all = new ArrayList<>(listeners);
        all.add(new SessionListener() {
            @Override
            public void sessionEnded(io.lodestar.acs.cwmp.event.SessionEvent.Ended event) {
                signalSessionEnd();
            }
        });
        return all;
    }

    private void signalSessionEnd() {
        synchronized (sessionEnded) {
            sessionEnded.notifyAll();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port(s) and starts serving; returns this server.
     *
     * @throws EndpointStartException naming the address and port that cannot be bound (in use) or the TLS file
     *                                that cannot be used; nothing is left running
     */
    public synchronized CwmpServer start() throws InterruptedException {
        if (tlsSettings.mode().https()) {
            try {
                tls = new ReloadingTlsContext(tlsSettings);
            } catch (IllegalStateException e) {
                throw new EndpointStartException(e.getMessage(), e);
            }
        }
        bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ioGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        connections = new DefaultChannelGroup("cwmp-connections", GlobalEventExecutor.INSTANCE);
        handler = new CwmpRequestHandler(codec, sessions, registry, limits, authenticator);
        handler.wakesPending(wakesPending);
        workers = new SessionLanes(handler, config.workerThreads());
        sweeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lodestar-cwmp-idle-sweep");
            t.setDaemon(true);
            return t;
        });
        handler.onShed(shedObserver);
        handler.replies().onSettled(this::signalSessionEnd);
        handler.taskSecrets(taskSecrets);
        BufferedBytes buffered = new BufferedBytes(limits.maxBufferedBytes());
        RetryAfter retryAfter = new RetryAfter(limits.retryAfterMin(), limits.retryAfterMax());
        try {
            if (tlsSettings.mode().plainHttp()) {
                serverChannel = bind("CWMP", config.port(), new CwmpChannelInitializer(config, limits, workers, handler,
                        connections, null, buffered, retryAfter));
            }
            if (tls != null) {
                tlsChannel = bind("CWMP HTTPS", tlsSettings.port(), new CwmpChannelInitializer(config, limits, workers,
                        handler, connections, tls, buffered, retryAfter));
            }
        } catch (EndpointStartException | InterruptedException e) {
            releaseThreads();
            throw e;
        }
        long period = Math.max(100, Math.min(1000, registry.idleTimeout().toMillis() / 4));
        sweeper.scheduleAtFixedRate(this::endIdleSessions, period, period, TimeUnit.MILLISECONDS);
        if (tls != null && !tlsSettings.reloadInterval().isZero()) {
            long every = tlsSettings.reloadInterval().toMillis();
            bossGroup.scheduleWithFixedDelay(this::reloadTls, every, every, TimeUnit.MILLISECONDS);
        }
        if (serverChannel != null) {
            LOG.info("CWMP endpoint listening on {}", serverChannel.localAddress());
        }
        if (tlsChannel != null) {
            LOG.info("CWMP HTTPS endpoint listening on {}", tlsChannel.localAddress());
        }
        return this;
    }

    private Channel bind(String what, int port, CwmpChannelInitializer initializer) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer);
        try {
            return bootstrap.bind(config.bindAddress(), port).sync().channel();
        } catch (Exception e) {
            if (e instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            String reason = e instanceof BindException ? "the port is in use by another process"
                    : String.valueOf(e.getMessage());
            throw new EndpointStartException("cannot listen for " + what + " on " + config.bindAddress() + ":" + port
                    + ": " + reason, e);
        }
    }

    /** The idle sweep; it must survive anything, since a periodic task that throws is never run again. */
    private void endIdleSessions() {
        try {
            sessions.endIdleSessions();
        } catch (Throwable e) { // NOPMD: the sweep must go on; an Error is logged, not swallowed silently
            LOG.error("the idle-session sweep failed, it runs again shortly", e);
        }
    }

    private void reloadTls() {
        try {
            tls.reloadIfChanged();
        } catch (RuntimeException e) {
            LOG.warn("checking the CWMP TLS files failed: {}", LogSafe.text(e.getMessage()));
        }
    }

    /**
     * Stops taking new sessions (new Informs get 503 with Retry-After) and waits until the sessions in flight have
     * finished and been stored, at most the shutdown grace ({@code cwmp.shutdown-grace}); then {@link #close()}
     * ends whatever is left, storing what it learned.
     *
     * @return whether every session finished within the grace
     */
    public boolean stopGracefully() {
        CwmpRequestHandler current;
        synchronized (this) {
            current = handler;
        }
        boolean drained = true;
        if (current != null) {
            current.admission().stop();
            LOG.info("CWMP endpoint stopping: no new sessions, {} in flight get up to {}s to finish",
                    registry.size(), limits.shutdownGrace().toSeconds());
            long deadline = System.nanoTime() + limits.shutdownGrace().toNanos();
            // the size is read and the wait begun under the monitor the end signal takes: no end is missed
            synchronized (sessionEnded) {
                long left;
                // a session leaves the registry just before its final 204 is written: that reply is waited for too
                while ((registry.size() > 0 || current.replies().pending() > 0)
                        && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        sessionEnded.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            drained = registry.size() == 0;
            if (!drained) {
                LOG.warn("{} CWMP sessions did not finish within the shutdown grace: ending them", registry.size());
            }
        }
        close();
        return drained;
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        Channel listening = serverChannel != null ? serverChannel : tlsChannel;
        return ((InetSocketAddress) listening.localAddress()).getPort();
    }

    /** The HTTPS port actually bound, or -1 without HTTPS. */
    public int tlsPort() {
        return tlsChannel == null ? -1 : ((InetSocketAddress) tlsChannel.localAddress()).getPort();
    }

    /** Whether the endpoint has stopped taking new sessions. */
    public boolean isStopping() {
        return handler != null && handler.admission().isStopping();
    }

    /** How many sessions are in progress. */
    public int sessionsInProgress() {
        return registry.size();
    }

    /** Requests waiting for a worker thread, in all lanes (see {@link SessionLanes}); cheap, for metrics and tests. */
    public int queuedRequests() {
        SessionLanes lanes = workers;
        return lanes == null ? 0 : lanes.queued();
    }

    /** How many TCP connections are open on the endpoint now (0 before start and after close); cheap, for metrics. */
    public int openConnections() {
        ChannelGroup open = connections;
        return open == null ? 0 : open.size();
    }

    @Override
    public synchronized void close() {
        if (serverChannel == null && tlsChannel == null) {
            return;
        }
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        if (tlsChannel != null) {
            tlsChannel.close().syncUninterruptibly();
        }
        // close every connection while the workers still run, so that their pipelines can be torn down
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        sessions.endAll("shutdown");
        releaseThreads();
        serverChannel = null;
        tlsChannel = null;
        LOG.info("CWMP endpoint stopped");
    }

    private void releaseThreads() {
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        sweeper.shutdownNow();
        workers.shutdown(2000, TimeUnit.MILLISECONDS);
    }

    /** Wires a {@link CwmpServer}; the store is required, everything else has a default. */
    public static final class Builder {
        private CwmpEndpointConfig config = CwmpEndpointConfig.defaults();
        private EndpointLimits limits = EndpointLimits.defaults();
        private TlsSettings tls = TlsSettings.OFF;
        private AcsStore store;
        private SessionPolicy policy = SessionPolicy.DEFAULT;
        private CwmpCodec codec = CwmpCodec.standard();
        private Duration sessionIdleTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private String nodeId = defaultNodeId();
        private Duration sessionLeaseTtl;
        private CpeAuthenticator authenticator = AllowAll.INSTANCE;
        private Duration stalledSessionTakeover;
        private final List<SessionListener> listeners = new ArrayList<>();
        private java.util.function.Consumer<ShedReason> shedObserver = reason -> { };
        private io.lodestar.acs.cwmp.auth.TaskSecrets taskSecrets;
        private WakingDevices wakesPending;

        /**
         * The devices a connection request is under way for: their Informs are admitted and served like those with
         * {@code 6 CONNECTION REQUEST}, whatever events they carry (default: none).
         */
        public Builder wakesPending(WakingDevices waking) {
            this.wakesPending = Objects.requireNonNull(waking);
            return this;
        }

        /** Opens the sealed references the ACS's own tasks carry, just before they are sent (default: none). */
        public Builder taskSecrets(io.lodestar.acs.cwmp.auth.TaskSecrets secrets) {
            this.taskSecrets = Objects.requireNonNull(secrets);
            return this;
        }

        /** Told of every new session turned away with 503 (e.g. metrics); called on I/O threads, must not block. */
        public Builder onShed(java.util.function.Consumer<ShedReason> observer) {
            this.shedObserver = Objects.requireNonNull(observer);
            return this;
        }

        private static String defaultNodeId() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "acs";
            }
            return host + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        }

        /** This node's identity in session leases (default: host, process id and a random part). */
        public Builder nodeId(String id) {
            this.nodeId = Objects.requireNonNull(id);
            return this;
        }

        /** How long a session lease lives unless renewed (default: twice the session idle timeout). */
        public Builder sessionLeaseTtl(Duration ttl) {
            this.sessionLeaseTtl = Objects.requireNonNull(ttl);
            return this;
        }

        /** Judges every Inform before a session opens (default: {@link AllowAll}). */
        public Builder authenticator(CpeAuthenticator a) {
            this.authenticator = Objects.requireNonNull(a);
            return this;
        }

        /**
         * How long a session may hear nothing before an accepted Inform of its device replaces it (default: the
         * session idle timeout).
         */
        public Builder stalledSessionTakeover(Duration after) {
            this.stalledSessionTakeover = Objects.requireNonNull(after);
            return this;
        }

        /**
         * Adds a listener told what happens in sessions; listeners are told in the order added, synchronously
         * on the session's thread (see {@link SessionListener} for what they must not do).
         */
        public Builder addListener(SessionListener listener) {
            this.listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /** The endpoint, the session idle timeout and the session lease TTL, as configured. */
        public Builder settings(CwmpSettings s) {
            return config(s.endpoint()).sessionIdleTimeout(s.sessionIdleTimeout()).sessionLeaseTtl(s.sessionLeaseTtl())
                    .limits(s.limits()).tls(s.tls());
        }

        /** The bounds on connections, bytes and sessions, and the shutdown grace (default: the settings' defaults). */
        public Builder limits(EndpointLimits l) {
            this.limits = Objects.requireNonNull(l);
            return this;
        }

        /** HTTPS (default: off). */
        public Builder tls(TlsSettings t) {
            this.tls = Objects.requireNonNull(t);
            return this;
        }

        public Builder config(CwmpEndpointConfig c) {
            this.config = Objects.requireNonNull(c);
            return this;
        }

        public Builder store(AcsStore s) {
            this.store = Objects.requireNonNull(s);
            return this;
        }

        public Builder policy(SessionPolicy p) {
            this.policy = Objects.requireNonNull(p);
            return this;
        }

        public Builder codec(CwmpCodec c) {
            this.codec = Objects.requireNonNull(c);
            return this;
        }

        public Builder sessionIdleTimeout(Duration timeout) {
            this.sessionIdleTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        public CwmpServer build() {
            Objects.requireNonNull(store, "a CwmpServer needs a store");
            return new CwmpServer(this);
        }
    }
}
