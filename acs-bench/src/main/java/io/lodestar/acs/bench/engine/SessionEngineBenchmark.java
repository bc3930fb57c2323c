package io.lodestar.acs.bench.engine;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceIdentity;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.DiscoveryState;
import io.lodestar.acs.core.device.IdentityScheme;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.device.ParameterTree;
import io.lodestar.acs.core.device.Reachability;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.session.CwmpSession;
import io.lodestar.acs.core.session.DiscoveryMode;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.session.SessionOpening;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.core.session.SessionStep;
import io.lodestar.acs.core.task.RetryPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The session engine alone (no I/O, no codec) on a plain periodic session of a known, fully discovered device:
 * {@link CwmpSession#open} with the Inform (2 PERIODIC, 9 parameters), the CPE's empty POST ({@code next(null)},
 * which ends the session: nothing to do), {@link CwmpSession#finish} and, as the cache does after the commit,
 * {@link SessionChanges#applyTo} on the stored tree. Run with trees of 150 and 10,000 parameters: the cost must
 * not depend on the tree's size (issue 21: a session costs what it touched).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SessionEngineBenchmark {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final DeviceIdStruct ID = new DeviceIdStruct("Lodestar", "00D09E", "Bench", "S00150-000001");

    @Param({"150", "10000"})
    public int parameters;

    private Inform inform;
    private DeviceId deviceId;
    private Optional<DeviceSnapshot> known;
    private SessionPolicy policy;

    @Setup
    public void setUp() {
        policy = new SessionPolicy(IdentityScheme.OUI_PRODUCTCLASS_SERIAL, true, DiscoveryMode.LEVEL_BY_LEVEL, 64,
                100_000, new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(10)));
        deviceId = IdentityScheme.OUI_PRODUCTCLASS_SERIAL.idOf(ID);
        Map<String, Parameter> stored = new LinkedHashMap<>();
        List<ParameterValueStruct> informed = new ArrayList<>();
        for (String name : List.of("Device.RootDataModelVersion", "Device.DeviceInfo.SpecVersion",
                "Device.DeviceInfo.HardwareVersion", "Device.DeviceInfo.SoftwareVersion",
                "Device.DeviceInfo.ProvisioningCode", "Device.ManagementServer.ConnectionRequestURL",
                "Device.ManagementServer.ParameterKey", "Device.ManagementServer.AliasBasedAddressing",
                "Device.IP.Interface.1.IPv4Address.1.IPAddress")) {
            String value = name.endsWith("URL") ? "http://192.0.2.1:7547/cr" : "value-of-" + name.length();
            informed.add(new ParameterValueStruct(name, value, "xsd:string"));
            stored.put(name, new Parameter(name, value, "xsd:string", false, NOW.minus(Duration.ofHours(1))));
        }
        for (int i = 0; stored.size() < parameters; i++) {
            String name = "Device.X_LODESTAR_Bench.Group." + (i / 10 + 1) + ".Value" + (i % 10 + 1);
            stored.put(name, new Parameter(name, "filler " + i, "xsd:string", true, NOW.minus(Duration.ofDays(1))));
        }
        inform = new Inform(ID, List.of(EventStruct.of(EventStruct.PERIODIC)), 1, NOW.toString(), 0, informed);
        Device device = new Device(new DeviceIdentity(deviceId, ID, NOW.minus(Duration.ofDays(30))),
                new LastContact(NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofDays(10)),
                        List.of(EventStruct.of(EventStruct.PERIODIC)), "192.0.2.1", "1.2"),
                new Reachability("http://192.0.2.1:7547/cr"), new Inventory("Device.", "1.0.0", "HW3"),
                new DiscoveryState(false, NOW.minus(Duration.ofDays(30))), Set.of());
        known = Optional.of(new DeviceSnapshot(device, ParameterTree.of(stored)));
    }

    /** Open, the empty POST, finish: what the engine does for one plain periodic session. */
    @Benchmark
    public SessionChanges plainPeriodicSession() {
        SessionOpening opening = CwmpSession.open(inform, CwmpVersion.V1_2, deviceId, known, List.of(), List.of(),
                "192.0.2.1", policy, NOW);
        CwmpSession session = ((SessionOpening.Accepted) opening).session();
        SessionStep step = session.next(null, NOW);
        if (!(step instanceof SessionStep.End)) {
            throw new IllegalStateException("a plain periodic session of a known device should end at once: " + step);
        }
        return session.finish();
    }

    /** The session, then its changes applied to the stored tree (what the read cache does after the commit). */
    @Benchmark
    public ParameterTree plainPeriodicSessionAppliedToTheTree() {
        return plainPeriodicSession().applyTo(known.get().tree());
    }
}
