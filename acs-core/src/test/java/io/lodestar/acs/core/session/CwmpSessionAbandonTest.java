package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskFault;
import io.lodestar.acs.core.task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.lodestar.acs.core.session.Fixtures.T0;
import static io.lodestar.acs.core.session.Fixtures.inform;
import static io.lodestar.acs.core.session.Fixtures.known;
import static io.lodestar.acs.core.session.Fixtures.open;
import static io.lodestar.acs.core.session.Fixtures.play;
import static io.lodestar.acs.core.session.Fixtures.playUntil;
import static io.lodestar.acs.core.session.Fixtures.policy;
import static io.lodestar.acs.core.session.Fixtures.storedModelOf;
import static io.lodestar.acs.core.session.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

class CwmpSessionAbandonTest {

    private static final Instant LATER = T0.plusSeconds(30);

    private final FakeCpe cpe = FakeCpe.standard();
    private final Task read = task(1, new TaskAction.GetParameterValues(List.of("Device.DeviceInfo.Manufacturer")));
    private final Task set = task(2, new TaskAction.SetParameterValues(
            List.of(ParameterValueStruct.string("Device.WiFi.SSID.1.SSID", "x")), "k"));
    private final Task reboot = task(3, new TaskAction.Reboot(""));

    private CwmpSession knownDevice(List<Task> tasks) {
        DeviceSnapshot s = known(storedModelOf(cpe, T0.minus(Duration.ofDays(1))), Set.of());
        return open(inform(List.of("2 PERIODIC"), List.of()), Optional.of(s), tasks, policy(), T0);
    }

    private CwmpSession newDevice(List<Task> tasks, SessionPolicy policy) {
        return open(inform(List.of("0 BOOTSTRAP", "1 BOOT"), List.of()), Optional.empty(), tasks, policy, T0);
    }

    @Test
    void anEmptyPostInsteadOfAnAnswerFailsTheTaskInFlightAndEndsTheSession() {
        CwmpSession s = knownDevice(List.of(read, set, reboot));
        playUntil(s, cpe, T0, r -> r instanceof SetParameterValues);

        assertThat(s.next(null, LATER)).isInstanceOf(SessionStep.End.class);
        assertThat(s.isEnded()).isTrue();
        SessionChanges changes = s.finish();

        Task after = changes.tasks().stream().filter(t -> t.id().equals(set.id())).findFirst().orElseThrow();
        assertThat(after.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.lastFault().code()).isEqualTo(TaskFault.SESSION_ENDED).isZero();
        assertThat(after.lastFault().at()).isEqualTo(LATER);
        assertThat(after.notBefore()).isEqualTo(LATER.plus(Fixtures.RETRY.initialBackoff()));
        // the task done before is kept, with what it learned; the one after was never touched
        assertThat(changes.tasks()).extracting(Task::id).containsExactly(read.id(), set.id());
        assertThat(changes.upserts()).containsKey("Device.DeviceInfo.Manufacturer")
                .doesNotContainKey("Device.WiFi.SSID.1.SSID");
    }

    @Test
    void abandonFailsTheTaskInFlightAndKeepsWhatWasLearned() {
        CwmpSession s = knownDevice(List.of(read, set, reboot));
        playUntil(s, cpe, T0, r -> r instanceof SetParameterValues);

        SessionChanges changes = s.abandon("session timeout", LATER);

        assertThat(s.isEnded()).isTrue();
        Task after = changes.tasks().stream().filter(t -> t.id().equals(set.id())).findFirst().orElseThrow();
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.lastFault()).isEqualTo(new TaskFault(TaskFault.SESSION_ENDED, "session timeout", LATER));
        assertThat(after.notBefore()).isEqualTo(LATER.plus(Duration.ofMinutes(1)));
        assertThat(changes.upserts().get("Device.DeviceInfo.Manufacturer")).isEqualTo(
                new Parameter("Device.DeviceInfo.Manufacturer", "Acme", "xsd:string", false, T0));
        assertThat(changes.tasks()).extracting(Task::id).doesNotContain(reboot.id());
    }

    @Test
    void abandonOnTheLastAttemptFailsTheTaskForGood() {
        Task tired = new Task(set.id(), set.deviceId(), set.action(), TaskStatus.PENDING, set.createdAt(),
                set.expiresAt(), Fixtures.RETRY.maxAttempts() - 1, T0, null, null, null);
        CwmpSession s = knownDevice(List.of(tired));
        playUntil(s, cpe, T0, r -> r instanceof SetParameterValues);

        Task after = s.abandon("timeout", LATER).tasks().get(0);
        assertThat(after.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(after.completedAt()).isEqualTo(LATER);
    }

    @Test
    void abandonMidDiscoveryKeepsWhatWasLearnedAndDiscoveryStaysRequired() {
        CwmpSession s = newDevice(List.of(read), policy(DiscoveryMode.LEVEL_BY_LEVEL, 2, 1000));
        List<CwmpMessage.AcsRequest> sent = playUntil(s, cpe, T0,
                r -> r.equals(new GetParameterNames("Device.WiFi.", true)));
        assertThat(sent).contains(new GetParameterValues(List.of("Device.DeviceInfo.HardwareVersion",
                "Device.DeviceInfo.Manufacturer")));

        SessionChanges changes = s.abandon("timeout", LATER);

        assertThat(changes.device().discoveryRequired()).isTrue();
        assertThat(changes.device().discoveredAt()).isNull();
        // a partial walk replaces nothing, but what it read is not thrown away
        assertThat(changes.deletedSubtrees()).isEmpty();
        assertThat(changes.upserts().get("Device.DeviceInfo.Manufacturer")).isEqualTo(
                new Parameter("Device.DeviceInfo.Manufacturer", "Acme", "xsd:string", false, T0));
        assertThat(changes.upserts()).containsKeys("Device.DeviceInfo.", "Device.WiFi.");
        // the task never started: untouched
        assertThat(changes.tasks()).isEmpty();
    }

    @Test
    void anEmptyPostMidDiscoveryEndsTheSessionKeepingWhatWasLearned() {
        CwmpSession s = newDevice(List.of(), policy(DiscoveryMode.LEVEL_BY_LEVEL, 2, 1000));
        playUntil(s, cpe, T0, r -> r.equals(new GetParameterNames("Device.WiFi.", true)));

        assertThat(s.next(null, LATER)).isInstanceOf(SessionStep.End.class);
        SessionChanges changes = s.finish();
        assertThat(changes.device().discoveryRequired()).isTrue();
        assertThat(changes.upserts()).containsKey("Device.DeviceInfo.Manufacturer");
    }

    @Test
    void partialDiscoveryDoesNotEraseKnownValuesWithUnreadOnes() {
        Map<String, Parameter> stored = new HashMap<>(storedModelOf(cpe, T0.minus(Duration.ofDays(1))));
        DeviceSnapshot snap = known(stored, Set.of());
        snap = new DeviceSnapshot(snap.device().withDiscovery(true, null), snap.parameters());
        // batches of 64: the values are read only once every object is listed
        CwmpSession s = open(inform(List.of("2 PERIODIC"), List.of()), Optional.of(snap), List.of(), policy(), T0);
        playUntil(s, cpe, T0, r -> r instanceof GetParameterValues);

        SessionChanges changes = s.abandon("timeout", LATER);

        assertThat(changes.deletedSubtrees()).isEmpty();
        for (Parameter p : changes.upserts().values()) {
            if (!p.isObject()) {
                assertThat(p.value()).as(p.path()).isEqualTo(stored.get(p.path()).value());
            }
        }
    }

    @Test
    void abandonMidRefreshFailsTheRefreshTask() {
        Task refresh = task(1, new TaskAction.Refresh("Device.WiFi."));
        CwmpSession s = knownDevice(List.of(refresh, reboot));
        playUntil(s, cpe, T0, r -> r.equals(new GetParameterNames("Device.WiFi.SSID.", true)));

        SessionChanges changes = s.abandon("timeout", LATER);

        assertThat(changes.tasks()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(refresh.id());
            assertThat(t.status()).isEqualTo(TaskStatus.PENDING);
            assertThat(t.attempts()).isEqualTo(1);
            assertThat(t.lastFault().code()).isZero();
        });
        assertThat(changes.deletedSubtrees()).isEmpty();
        assertThat(changes.device().discoveryRequired()).isFalse();
    }

    @Test
    void abandonAfterANormalEndChangesNothing() {
        CwmpSession s = knownDevice(List.of(read));
        SessionChanges finished = play(s, cpe, T0).changes();

        assertThat(s.abandon("late timeout", LATER)).isEqualTo(finished);
    }

    @Test
    void abandonBeforeAnyRequestKeepsTheInform() {
        CwmpSession s = knownDevice(List.of(read));

        SessionChanges changes = s.abandon("connection closed", LATER);
        assertThat(changes.inform()).isNotNull();
        assertThat(changes.tasks()).isEmpty();
        assertThat(changes.device().lastInformAt()).isEqualTo(T0);
    }
}
