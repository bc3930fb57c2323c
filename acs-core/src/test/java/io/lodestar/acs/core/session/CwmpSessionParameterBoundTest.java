package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.ParameterTree;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.lodestar.acs.core.session.Fixtures.T0;
import static io.lodestar.acs.core.session.Fixtures.inform;
import static io.lodestar.acs.core.session.Fixtures.known;
import static io.lodestar.acs.core.session.Fixtures.open;
import static io.lodestar.acs.core.session.Fixtures.play;
import static io.lodestar.acs.core.session.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code session.max-parameters} across sessions: what a device already holds counts against its bound. */
class CwmpSessionParameterBoundTest {

    private static final int BOUND = 10;

    private static Map<String, Parameter> stored(int count, boolean withRoot) {
        Map<String, Parameter> byPath = new LinkedHashMap<>();
        if (withRoot) {
            byPath.put("Device.", new Parameter("Device.", null, null, false, T0));
        }
        for (int i = 0; i < count; i++) {
            String path = String.format("Device.Known.P%02d", i);
            byPath.put(path, new Parameter(path, "v" + i, "xsd:string", false, T0));
        }
        return byPath;
    }

    private static List<ParameterValueStruct> values(String prefix, int count) {
        List<ParameterValueStruct> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new ParameterValueStruct(String.format("%s%02d", prefix, i), "new" + i, "xsd:string"));
        }
        return out;
    }

    private static CwmpSession periodic(Map<String, Parameter> stored, List<ParameterValueStruct> informed) {
        DeviceSnapshot snapshot = known(stored, Set.of());
        return open(inform(List.of("2 PERIODIC"), informed), Optional.of(snapshot), List.of(),
                policy(DiscoveryMode.LEVEL_BY_LEVEL, 64, BOUND), T0);
    }

    @Test
    void aDeviceAtItsBoundKeepsUpdatesOfItsParametersAndRefusesNewPaths() {
        List<ParameterValueStruct> informed = new ArrayList<>(values("Device.Known.P", 3));
        informed.addAll(values("Device.Invented.Q", 3));
        CwmpSession session = periodic(stored(BOUND, false), informed);

        SessionChanges changes = play(session, FakeCpe.standard(), T0).changes();

        assertThat(changes.upserts().keySet())
                .containsExactlyInAnyOrder("Device.Known.P00", "Device.Known.P01", "Device.Known.P02");
        assertThat(changes.upserts().get("Device.Known.P01").value()).isEqualTo("new1");
        assertThat(session.parametersRefused()).isEqualTo(3);
    }

    @Test
    void newPathsFillTheRoomLeftInTheOrderTheyCameAndTheRestAreRefused() {
        CwmpSession session = periodic(stored(BOUND - 2, false), values("Device.Invented.Q", 5));

        SessionChanges changes = play(session, FakeCpe.standard(), T0).changes();

        assertThat(changes.upserts().keySet())
                .containsExactlyInAnyOrder("Device.Invented.Q00", "Device.Invented.Q01");
        assertThat(session.parametersRefused()).isEqualTo(3);
    }

    @Test
    void theDataModelsRootObjectDoesNotCountAgainstTheBound() {
        CwmpSession session = periodic(stored(BOUND - 1, true), values("Device.Invented.Q", 2));

        SessionChanges changes = play(session, FakeCpe.standard(), T0).changes();

        assertThat(changes.upserts().keySet()).containsExactlyInAnyOrder("Device.Invented.Q00");
        assertThat(session.parametersRefused()).isEqualTo(1);
    }

    @Test
    void aPathDeletedInTheSessionMakesRoomForANewOne() {
        SessionParameters parameters = sessionParameters(stored(BOUND, false));

        parameters.deleteSubtree("Device.Known.P00");
        parameters.upsert(new Parameter("Device.Invented.Q00", "x", "xsd:string", false, T0));
        parameters.upsert(new Parameter("Device.Invented.Q01", "y", "xsd:string", false, T0));

        assertThat(parameters.get("Device.Invented.Q00")).isNotNull();
        assertThat(parameters.get("Device.Invented.Q01")).isNull();
        assertThat(parameters.refused()).isEqualTo(1);
        assertThat(parameters.view().size()).isEqualTo(BOUND);
    }

    @Test
    void aBootstrapForgetsWhatTheDeviceHeldSoNewPathsFitAgain() {
        SessionParameters parameters = sessionParameters(stored(BOUND, false));

        parameters.forgetLearned();
        for (ParameterValueStruct v : values("Device.Fresh.R", BOUND)) {
            parameters.upsert(new Parameter(v.name(), v.value(), v.type(), false, T0));
        }

        assertThat(parameters.view().asMap().keySet()).allMatch(p -> p.startsWith("Device.Fresh.R")).hasSize(BOUND);
        assertThat(parameters.refused()).isZero();
    }

    @Test
    void aSessionBelowTheBoundRefusesNothing() {
        CwmpSession session = periodic(stored(3, true), values("Device.Invented.Q", 4));

        SessionChanges changes = play(session, FakeCpe.standard(), T0).changes();

        assertThat(changes.upserts()).hasSize(4);
        assertThat(session.parametersRefused()).isZero();
    }

    private static SessionParameters sessionParameters(Map<String, Parameter> stored) {
        return new SessionParameters(ParameterTree.of(stored),
                new SessionChanges.Builder(known(stored, Set.of()).device()), BOUND);
    }
}
