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
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The CPE-facing CWMP endpoint: a Netty HTTP server whose sessions the {@link SessionService} drives.
 * Built with {@link #builder()}; {@link #start()} binds, {@link #close()} stops accepting, ends the
 * sessions in progress (storing what they learned) and releases the threads.
 */
public final class CwmpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CwmpServer.class);

    private final CwmpEndpointConfig config;
    private final SessionRegistry registry;
    private final SessionService sessions;
    private final CwmpCodec codec;
    private EventLoopGroup bossGroup;
    private EventLoopGroup ioGroup;
    private EventExecutorGroup workers;
    private Channel serverChannel;
    private volatile ChannelGroup connections;

    private CwmpServer(Builder b) {
        this.config = b.config;
        this.registry = new SessionRegistry(b.sessionIdleTimeout);
        this.sessions = new SessionService(b.store, b.policy, registry, b.clock, b.nodeId,
                b.sessionLeaseTtl != null ? b.sessionLeaseTtl : b.sessionIdleTimeout.multipliedBy(2),
                b.authenticator, CompositeSessionListener.of(b.listeners),
                b.stalledSessionTakeover != null ? b.stalledSessionTakeover : b.sessionIdleTimeout);
        this.codec = b.codec;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving; returns this server. */
    public synchronized CwmpServer start() throws InterruptedException {
        bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ioGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        workers = new DefaultEventExecutorGroup(config.workerThreads());
        connections = new DefaultChannelGroup("cwmp-connections", GlobalEventExecutor.INSTANCE);
        CwmpRequestHandler handler = new CwmpRequestHandler(codec, sessions, registry);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new CwmpChannelInitializer(config, workers, handler, connections));
        serverChannel = bootstrap.bind(config.bindAddress(), config.port()).sync().channel();
        long period = Math.max(100, Math.min(1000, registry.idleTimeout().toMillis() / 4));
        workers.scheduleAtFixedRate(sessions::endIdleSessions, period, period, TimeUnit.MILLISECONDS);
        LOG.info("CWMP endpoint listening on {}", serverChannel.localAddress());
        return this;
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** How many sessions are in progress. */
    public int sessionsInProgress() {
        return registry.size();
    }

    /** How many TCP connections are open on the endpoint now (0 before start and after close); cheap, for metrics. */
    public int openConnections() {
        ChannelGroup open = connections;
        return open == null ? 0 : open.size();
    }

    @Override
    public synchronized void close() {
        if (serverChannel == null) {
            return;
        }
        serverChannel.close().syncUninterruptibly();
        // close every connection while the workers still run, so that their pipelines can be torn down
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        sessions.endAll("shutdown");
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        serverChannel = null;
        LOG.info("CWMP endpoint stopped");
    }

    /** Wires a {@link CwmpServer}; the store is required, everything else has a default. */
    public static final class Builder {
        private CwmpEndpointConfig config = CwmpEndpointConfig.defaults();
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
            return config(s.endpoint()).sessionIdleTimeout(s.sessionIdleTimeout()).sessionLeaseTtl(s.sessionLeaseTtl());
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
