package io.lodestar.acs.bench.tree;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.ParameterTree;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.parameter.ParameterPaths;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.session.CwmpSession;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.session.SessionOpening;
import io.lodestar.acs.core.session.SessionPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a plain periodic session costs the session engine and the cache, by the size of the device's tree: open
 * a session over the stored snapshot, take the Inform (a handful of values), end, and apply the changes to the
 * cached tree ({@link SessionChanges#applyTo}). With the persistent tree this should cost about the same for
 * 1,000 and 10,000 parameters. {@link #copyingTheTree} does what the engine and the cache did before (copy the
 * whole map on open, copy it again on commit), for comparison. No store, no HTTP: the whole-session benchmark
 * measures those.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PeriodicSessionTreeBenchmark {

    private static final DeviceIdStruct DEVICE = new DeviceIdStruct("Acme", "00D09E", "BENCH", "SN1");
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @Param({"1000", "10000"})
    public int parameters;

    private DeviceSnapshot snapshot;
    private Inform inform;
    private DeviceId id;

    @Setup
    public void setUp() {
        id = SessionPolicy.DEFAULT.identityScheme().idOf(DEVICE);
        List<Parameter> stored = new ArrayList<>();
        stored.add(new Parameter("Device.", null, null, false, T0));
        stored.add(new Parameter("Device.DeviceInfo.SoftwareVersion", "4.2", "xsd:string", false, T0));
        stored.add(new Parameter("Device.ManagementServer.ConnectionRequestURL", "http://192.0.2.1:7547/",
                "xsd:string", false, T0));
        for (int i = stored.size(); i < parameters; i++) {
            stored.add(new Parameter("Device.Bench.Table." + i / 20 + ".Value" + i % 20, "value-" + i,
                    "xsd:string", i % 3 == 0, T0));
        }
        Device device = Device.register(id, T0.minusSeconds(86_400)).withDiscovery(false, T0.minusSeconds(86_000));
        snapshot = new DeviceSnapshot(device, ParameterTree.of(stored));
        inform = new Inform(DEVICE, List.of(EventStruct.of(EventStruct.PERIODIC)), 1, T0.toString(), 0, List.of(
                new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "4.2", "xsd:string"),
                new ParameterValueStruct("Device.ManagementServer.ConnectionRequestURL", "http://192.0.2.1:7547/",
                        "xsd:string")));
    }

    private SessionChanges periodicSession() {
        SessionOpening opening = CwmpSession.open(inform, CwmpVersion.V1_0, id, Optional.of(snapshot), List.of(),
                List.of(), "192.0.2.1", SessionPolicy.DEFAULT, T0);
        CwmpSession session = ((SessionOpening.Accepted) opening).session();
        session.next(null, T0);
        return session.finish();
    }

    /** The session over the snapshot's tree, then the cache's tree after the commit. */
    @Benchmark
    public ParameterTree overlayingTheTree() {
        return periodicSession().applyTo(snapshot.tree());
    }

    /** The same session, plus the two whole-map copies of before (open, then the cache's commit). */
    @Benchmark
    public Map<String, Parameter> copyingTheTree() {
        Map<String, Parameter> opened = new HashMap<>(snapshot.parameters());
        SessionChanges changes = periodicSession();
        Map<String, Parameter> after = new HashMap<>(changes.forgetLearned() ? Map.of() : opened);
        for (String subtree : changes.deletedSubtrees()) {
            after.keySet().removeIf(path -> ParameterPaths.isUnder(path, subtree));
        }
        after.putAll(changes.upserts());
        return Map.copyOf(after);
    }
}
