package io.lodestar.acs.bench.session;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.sim.client.CpeOptions;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.client.Simulator;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.rpc.CpeRpcHandler;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The benchmark's devices: registered and fully discovered by the ACS through each one's first session
 * (0 BOOTSTRAP, 1 BOOT, run by acs-sim's simulator over HTTP), then known only by the bytes of their periodic
 * Inform, which the load client sends over and over.
 */
final class Fleet {

    /** The CurrentTime of every periodic Inform: fixed, so that every Inform of every size has the same length. */
    private static final String CURRENT_TIME = "2026-01-01T00:00:00Z";
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofMinutes(5);
    private static final int DISCOVERIES_IN_FLIGHT = 4;

    private final List<byte[]> informs;
    private final int informParameters;

    private Fleet(List<byte[]> informs, int informParameters) {
        this.informs = List.copyOf(informs);
        this.informParameters = informParameters;
    }

    /**
     * Creates {@code devices} devices of {@code parameters} parameters each and has the ACS at {@code port}
     * discover them all; fails with the simulator's reason if any first session fails.
     */
    static Fleet discover(int port, int devices, int parameters) throws InterruptedException {
        return discover(port, devices, parameters, BenchAuth.OFF);
    }

    /** As above, the simulated CPEs authenticating with {@code auth}'s credentials when it is on. */
    static Fleet discover(int port, int devices, int parameters, BenchAuth auth) throws InterruptedException {
        URI acs = URI.create("http://127.0.0.1:" + port + "/");
        CwmpCodec codec = CwmpCodec.forCpe();
        List<byte[]> informs = new ArrayList<>(devices);
        int informParameters = -1;
        Semaphore inFlight = new Semaphore(DISCOVERIES_IN_FLIGHT);
        List<SessionFuture> first = new ArrayList<>(devices);
        try (Simulator simulator = new Simulator(1)) {
            for (int i = 1; i <= devices; i++) {
                DataModel model = BenchTree.of(parameters, BenchTree.serial(parameters, i));
                Inform inform = periodicInform(model);
                informParameters = inform.parameterList().size();
                informs.add(codec.encode(new CwmpEnvelope(model.defaultCwmpVersion(), CwmpHeader.withId("1"), inform)));
                SimulatedCpe cpe = simulator.cpe(acs, model, auth.on()
                        ? CpeOptions.defaults().withTimeout(DISCOVERY_TIMEOUT).withCredentials(auth.username(), auth.password())
                        : CpeOptions.defaults().withTimeout(DISCOVERY_TIMEOUT));
                inFlight.acquire();
                first.add(new SessionFuture(cpe, cpe.runSession().whenComplete((r, e) -> inFlight.release())));
            }
            for (SessionFuture f : first) {
                SessionReport report = f.await();
                if (report.failed()) {
                    throw new IllegalStateException("the ACS did not discover " + f.cpe() + ": " + report.summary());
                }
            }
        }
        return new Fleet(informs, informParameters);
    }

    private static Inform periodicInform(DataModel model) {
        Inform live = new CpeRpcHandler(model).inform(List.of(EventStruct.of(EventStruct.PERIODIC)), 0);
        return new Inform(live.deviceId(), live.events(), live.maxEnvelopes(), CURRENT_TIME, live.retryCount(),
                live.parameterList());
    }

    /** The periodic Inform of device {@code i} (0-based), as sent. */
    byte[] inform(int i) {
        return informs.get(i);
    }

    int size() {
        return informs.size();
    }

    /** How many parameters each Inform carries. */
    int informParameters() {
        return informParameters;
    }

    /** The size of one Inform body in bytes (all are the same length: serials and CurrentTime are of fixed width). */
    int informBytes() {
        int bytes = informs.get(0).length;
        for (byte[] inform : informs) {
            if (inform.length != bytes) {
                throw new IllegalStateException("Informs of different sizes: " + bytes + " and " + inform.length);
            }
        }
        return bytes;
    }

    private record SessionFuture(SimulatedCpe cpe, java.util.concurrent.CompletableFuture<SessionReport> report) {
        SessionReport await() throws InterruptedException {
            try {
                return report.get(DISCOVERY_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the first session of " + cpe + " did not end: " + e, e);
            }
        }
    }
}
