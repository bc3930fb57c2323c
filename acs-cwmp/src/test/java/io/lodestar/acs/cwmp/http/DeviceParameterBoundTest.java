package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.ParameterTree;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceParameterBoundTest {

    private static final int BOUND = 100;
    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

    @TempDir
    Path dir;
    private AcsStore engine;
    private AcsStore bounded;
    private final DeviceId id = LiveEndpoint.idOf("bounded");
    private Device device;

    @BeforeEach
    void open() {
        engine = RocksAcsStore.open(dir, RocksAcsStore.Option.NO_SYNC);
        bounded = DeviceParameterBound.around(engine, BOUND);
        device = Device.register(id, NOW).withDiscovery(false, NOW);
        engine.commit(changes(Map.of()));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private SessionChanges changes(Map<String, Parameter> upserts) {
        return new SessionChanges(device, false, Set.of(), upserts, List.of(), List.of(), null);
    }

    private static Map<String, Parameter> parameters(String prefix, int count) {
        Map<String, Parameter> byPath = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String path = String.format("Device.%s.P%03d", prefix, i);
            byPath.put(path, new Parameter(path, "v" + i, "xsd:string", false, NOW));
        }
        return byPath;
    }

    @Test
    void aSessionThatCommitsTwiceUnderItsLeaseStaysWithinTheBoundAcrossBothCommits() {
        assertThat(bounded.acquireLease(id, "node", Duration.ofMinutes(1))).isTrue();
        assertThat(bounded.loadSnapshot(id)).isPresent();

        bounded.commit(changes(parameters("First", 60)));   // a checkpoint: 60 new paths, all fit
        bounded.commit(changes(parameters("Second", 60)));  // the final commit: room for 40 more only

        assertThat(engine.parameters(id, "")).hasSize(BOUND);
        assertThat(engine.parameters(id, "Device.First.")).hasSize(60);
        assertThat(engine.parameters(id, "Device.Second.")).extracting(Parameter::path)
                .containsExactlyElementsOf(parameters("Second", 40).keySet()); // the first in path order
        bounded.releaseLease(id, "node");
    }

    @Test
    void aSessionOpenedWithItsStartReadsCommitsWithinTheBoundWithoutReadingItsDeviceAgain() {
        List<String> calls = new ArrayList<>();
        AcsStore seen = (AcsStore) Proxy.newProxyInstance(AcsStore.class.getClassLoader(),
                new Class<?>[] {AcsStore.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        AcsStore boundedOverSeen = DeviceParameterBound.around(seen, BOUND);

        assertThat(boundedOverSeen.loadSessionStart(id).snapshot()).isPresent();
        boundedOverSeen.commit(changes(parameters("First", 60)));
        boundedOverSeen.commit(changes(parameters("Second", 60)));

        assertThat(calls).as("the tree the session opened with is known").containsExactly("loadSessionStart",
                "commit", "commit");
        assertThat(engine.parameters(id, "")).hasSize(BOUND);
        assertThat(engine.parameters(id, "Device.Second.")).hasSize(40);
    }

    @Test
    void aSessionEndingWithItsCommitAndReleaseStaysWithinTheBoundAndFreesTheLease() {
        assertThat(bounded.acquireLease(id, "node", Duration.ofMinutes(1))).isTrue();
        assertThat(bounded.loadSnapshot(id)).isPresent();
        bounded.commit(changes(parameters("First", 60)));

        bounded.commitAndReleaseLease(changes(parameters("Second", 60)), "node");

        assertThat(engine.parameters(id, "")).hasSize(BOUND);
        assertThat(engine.parameters(id, "Device.Second.")).extracting(Parameter::path)
                .containsExactlyElementsOf(parameters("Second", 40).keySet());
        assertThat(engine.acquireLease(id, "another node", Duration.ofMinutes(1))).as("the lease was given up").isTrue();
    }

    @Test
    void aCommitThatAlsoReadsTheDeviceBackStaysWithinTheBound() {
        bounded.commit(changes(parameters("Known", BOUND)));

        assertThat(bounded.commitAndFind(changes(parameters("New", 5)))).isPresent();

        assertThat(engine.parameters(id, "")).hasSize(BOUND);
        assertThat(engine.parameters(id, "Device.New.")).isEmpty();
    }

    @Test
    void updatesOfKnownParametersAlwaysPassAndNewOnesStopAtTheBound() {
        bounded.commit(changes(parameters("Known", BOUND)));
        Map<String, Parameter> updatesAndNew = new LinkedHashMap<>(parameters("Known", BOUND));
        updatesAndNew.replaceAll((path, p) -> new Parameter(path, "changed", "xsd:string", false, NOW));
        updatesAndNew.putAll(parameters("New", 5));

        bounded.commit(changes(updatesAndNew));

        assertThat(engine.parameters(id, "")).hasSize(BOUND);
        assertThat(engine.parameters(id, "Device.Known.")).extracting(Parameter::value).containsOnly("changed");
        assertThat(engine.parameters(id, "Device.New.")).isEmpty();
    }

    @Test
    void changesThatFitArePassedOnAsTheyCame() {
        DeviceParameterBound bound = new DeviceParameterBoundProbe(engine).bound;
        SessionChanges few = changes(parameters("Few", 9));
        ParameterTree full = ParameterTree.of(parameters("Known", BOUND).values());
        SessionChanges updatesOnly = changes(parameters("Known", BOUND));

        assertThat(bound.bounded(few, ParameterTree.empty())).isSameAs(few);
        assertThat(bound.bounded(updatesOnly, full)).isSameAs(updatesOnly);
        assertThat(bound.bounded(few, full).upserts()).isEmpty(); // no room left for new paths
    }

    /** The handler itself, to call {@code bounded} directly. */
    private static final class DeviceParameterBoundProbe {
        final DeviceParameterBound bound;

        DeviceParameterBoundProbe(AcsStore store) {
            this.bound = (DeviceParameterBound) java.lang.reflect.Proxy.getInvocationHandler(
                    DeviceParameterBound.around(store, BOUND));
        }
    }
}
