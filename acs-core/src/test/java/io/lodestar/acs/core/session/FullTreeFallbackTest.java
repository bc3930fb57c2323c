package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterValues;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static io.lodestar.acs.core.session.Fixtures.T0;
import static io.lodestar.acs.core.session.Fixtures.inform;
import static io.lodestar.acs.core.session.Fixtures.known;
import static io.lodestar.acs.core.session.Fixtures.open;
import static io.lodestar.acs.core.session.Fixtures.play;
import static io.lodestar.acs.core.session.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** A full-tree discovery turns into the level-by-level walk when the CPE cannot list its whole tree at once. */
class FullTreeFallbackTest {

    /** A device registered but never heard from: its first session learns the tree. */
    private static CwmpSession bare(SessionPolicy policy, Instant now) {
        DeviceSnapshot s = known(Map.of(), Set.of());
        Device registered = s.device().toBuilder().lastContact(new LastContact(null, null, List.of(), null, null))
                .build().withDiscovery(true, null);
        return open(inform(List.of("1 BOOT"), List.of()), Optional.of(new DeviceSnapshot(registered, s.parameters())),
                List.of(), policy, now);
    }

    /** A device an earlier session began to learn (it informed) without finishing. */
    private static CwmpSession unfinished(SessionPolicy policy, Instant now) {
        DeviceSnapshot s = known(Map.of(), Set.of());
        return open(inform(List.of("1 BOOT"), List.of()),
                Optional.of(new DeviceSnapshot(s.device().withDiscovery(true, null), s.parameters())), List.of(),
                policy, now);
    }

    @Test
    void aDiscoveryAnEarlierSessionLeftUnfinishedIsResumedLevelByLevelNotByTheWholeTreeAgain() {
        FakeCpe cpe = CwmpSessionDiscoveryTest.big();

        Fixtures.Run run = play(unfinished(policy(DiscoveryMode.FULL_TREE, 100, 100_000), T0), cpe, T0);

        List<GetParameterNames> names = run.requestsOf(GetParameterNames.class);
        assertThat(names).hasSizeGreaterThan(1).allSatisfy(n -> assertThat(n.nextLevel()).isTrue());
        assertThat(leaves(run)).isEqualTo(cpe.values());
        assertThat(run.changes().device().discoveryRequired()).isFalse();
    }

    private static Map<String, String> leaves(Fixtures.Run run) {
        Map<String, String> leaves = new TreeMap<>();
        run.changes().upserts().values().stream().filter(p -> !p.isObject()).forEach(p -> leaves.put(p.path(), p.value()));
        return leaves;
    }

    @Test
    void aFaultToTheWholeTreeListingFallsBackToTheLevelWalkAndLearnsEverything() {
        FakeCpe cpe = CwmpSessionDiscoveryTest.big();
        cpe.override = r -> r instanceof GetParameterNames gpn && !gpn.nextLevel()
                ? new CwmpFault("Server", 9004, "Resources exceeded", List.of()) : null;

        Fixtures.Run run = play(bare(policy(DiscoveryMode.FULL_TREE, 100, 100_000), T0), cpe, T0);

        List<GetParameterNames> names = run.requestsOf(GetParameterNames.class);
        assertThat(names.get(0)).isEqualTo(new GetParameterNames("Device.", false));
        assertThat(names.get(1)).isEqualTo(new GetParameterNames("Device.", true));
        assertThat(names.subList(1, names.size())).allSatisfy(n -> assertThat(n.nextLevel()).isTrue());
        assertThat(leaves(run)).isEqualTo(cpe.values());
        assertThat(run.changes().device().discoveryRequired()).isFalse();
        // the fault is recorded (why this device costs more round trips) but fails nothing
        assertThat(run.changes().faults()).extracting(f -> f.code()).containsExactly(9004);
    }

    @Test
    void aCpeThatAnswersNextLevelFalseWithOneLevelIsWalkedOnLevelByLevel() {
        FakeCpe cpe = CwmpSessionDiscoveryTest.big();
        cpe.override = r -> r instanceof GetParameterNames gpn && !gpn.nextLevel()
                ? cpe.answer(new GetParameterNames(gpn.parameterPath(), true)) : null;

        Fixtures.Run run = play(bare(policy(DiscoveryMode.FULL_TREE, 100, 100_000), T0), cpe, T0);

        assertThat(run.requestsOf(GetParameterNames.class)).hasSizeGreaterThan(100);
        assertThat(leaves(run)).isEqualTo(cpe.values());
        assertThat(run.changes().device().discoveryRequired()).isFalse();
        assertThat(run.changes().faults()).isEmpty();
    }

    @Test
    void aPathTheDeviceDoesNotHaveIsNotListedAgainLevelByLevel() {
        FakeCpe cpe = CwmpSessionDiscoveryTest.big();
        cpe.override = r -> r instanceof GetParameterNames gpn && gpn.parameterPath().equals("Device.Nope.")
                ? new CwmpFault("Client", 9005, "Invalid parameter name", List.of()) : null;
        io.lodestar.acs.core.task.Task refresh = Fixtures.task(1, new io.lodestar.acs.core.task.TaskAction.Refresh(
                "Device.Nope."));
        CwmpSession session = open(inform(List.of("2 PERIODIC"), List.of()), Optional.of(known(Map.of(), Set.of())),
                List.of(refresh), policy(DiscoveryMode.FULL_TREE, 100, 100_000), T0);

        Fixtures.Run run = play(session, cpe, T0);

        assertThat(run.requestsOf(GetParameterNames.class)).containsExactly(new GetParameterNames("Device.Nope.", false));
        assertThat(run.task(refresh.id()).lastFault().code()).isEqualTo(9005);
    }

    @Test
    void aCpeThatListsTheWholeTreeIsAskedOnce() {
        FakeCpe cpe = CwmpSessionDiscoveryTest.big();

        Fixtures.Run run = play(bare(policy(DiscoveryMode.FULL_TREE, 100, 100_000), T0), cpe, T0);

        assertThat(run.requestsOf(GetParameterNames.class)).containsExactly(new GetParameterNames("Device.", false));
        assertThat(run.requestsOf(GetParameterValues.class)).hasSize(10);
        assertThat(leaves(run)).isEqualTo(cpe.values());
    }
}
