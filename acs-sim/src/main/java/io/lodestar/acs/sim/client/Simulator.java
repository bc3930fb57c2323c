package io.lodestar.acs.sim.client;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.sim.model.DataModel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.URI;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs many simulated CPEs in one process. Owns one Netty event loop group; every CPE it creates is pinned
 * to one of its loops, so a CPE's sessions, its RPC handling and its data model changes all happen on one
 * thread. Close it to stop the loops (sessions still running then end as failed).
 *
 * <pre>{@code
 * try (Simulator sim = new Simulator()) {
 *     SimulatedCpe cpe = sim.cpe(URI.create("http://127.0.0.1:7547/"), DataModel.ipPhone("SIM0001"), CpeOptions.defaults());
 *     SessionReport first = cpe.runSession().get();   // 0 BOOTSTRAP + 1 BOOT
 *     SessionReport next = cpe.runSession().get();    // 2 PERIODIC
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {

    private final EventLoopGroup group;
    private final CwmpCodec codec = CwmpCodec.forCpe();
    private final Set<CpeSession> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private ConnectionRequestServer connectionRequests;

    /** A simulator with one event loop per available processor (at least 2). */
    public Simulator() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public Simulator(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("lodestar-sim", true),
                NioIoHandler.newFactory());
    }

    /**
     * A new CPE talking to {@code acsUrl} (http only). The CPE changes {@code model} in place as the ACS asks,
     * so give each CPE a fresh or {@link DataModel#copy() copied} model. The ACS host is resolved now, on the
     * calling thread; with {@link CpeOptions#acceptConnectionRequests()} the Connection Request listener is
     * started on first use.
     */
    public SimulatedCpe cpe(URI acsUrl, DataModel model, CpeOptions options) {
        Objects.requireNonNull(acsUrl, "acsUrl");
        Objects.requireNonNull(model, "model");
        if (closed) {
            throw new IllegalStateException("simulator closed");
        }
        CpeOptions o = options == null ? CpeOptions.defaults() : options;
        SimulatedCpe cpe = new SimulatedCpe(this, group.next(), acsUrl, model, o);
        if (o.acceptConnectionRequests()) {
            cpe.listenAt(connectionRequestServer().register(cpe));
        }
        return cpe;
    }

    /** The Connection Request listener, started (on 127.0.0.1, an ephemeral port) on first use. */
    private synchronized ConnectionRequestServer connectionRequestServer() {
        if (connectionRequests == null) {
            connectionRequests = ConnectionRequestServer.start(group);
        }
        return connectionRequests;
    }

    /**
     * The Digest algorithm the Connection Request listener challenges with (default MD5; SHA-256 and the -sess
     * forms are checked as well). Applies to every CPE of this simulator.
     */
    public void challengeConnectionRequestsWith(io.lodestar.acs.httpauth.DigestAlgorithm algorithm) {
        connectionRequestServer().challengeWith(algorithm);
    }

    /** {@link #cpe(URI, DataModel, CpeOptions)} with default options. */
    public SimulatedCpe cpe(URI acsUrl, DataModel model) {
        return cpe(acsUrl, model, CpeOptions.defaults());
    }

    CwmpCodec codec() {
        return codec;
    }

    boolean isClosed() {
        return closed;
    }

    void started(CpeSession s) {
        running.add(s);
    }

    void ended(CpeSession s) {
        running.remove(s);
    }

    /** Stops the event loops; sessions still running end as failed ("simulator closed"). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (this) {
            if (connectionRequests != null) {
                connectionRequests.close();
            }
        }
        for (CpeSession s : running) {
            s.abort("simulator closed");
        }
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        for (CpeSession s : running) {
            s.forceFail("simulator closed");
        }
        running.clear();
    }
}
