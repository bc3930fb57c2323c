package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.AddObject;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.DeleteObject;
import io.lodestar.acs.core.rpc.FactoryReset;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.rpc.SetParameterValuesResponse;
import io.lodestar.acs.core.task.RetryPolicy;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskFault;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.lodestar.acs.core.session.Fixtures.DEVICE_ID;
import static io.lodestar.acs.core.session.Fixtures.T0;
import static io.lodestar.acs.core.session.Fixtures.inform;
import static io.lodestar.acs.core.session.Fixtures.known;
import static io.lodestar.acs.core.session.Fixtures.open;
import static io.lodestar.acs.core.session.Fixtures.play;
import static io.lodestar.acs.core.session.Fixtures.policy;
import static io.lodestar.acs.core.session.Fixtures.storedModelOf;
import static io.lodestar.acs.core.session.Fixtures.task;
import static io.lodestar.acs.core.session.Fixtures.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CwmpSessionTaskTest {

    private static final Instant EARLIER = T0.minus(Duration.ofDays(3));
    private static final Instant NOW = T0.plus(Duration.ofMinutes(30));

    private FakeCpe cpe = FakeCpe.standard();
    private final Map<String, Parameter> stored = new HashMap<>(storedModelOf(cpe, EARLIER));

    private CwmpSession session(List<Task> tasks) {
        return session(tasks, policy());
    }

    private CwmpSession session(List<Task> tasks, SessionPolicy policy) {
        DeviceSnapshot snapshot = known(stored, Set.of());
        return open(inform(List.of("2 PERIODIC"), List.of()), Optional.of(snapshot), tasks, policy, NOW);
    }

    private static TaskAction gpv(String... names) {
        return new TaskAction.GetParameterValues(List.of(names));
    }

    private static TaskAction spv(String name, String value) {
        return new TaskAction.SetParameterValues(List.of(ParameterValueStruct.string(name, value)), "key");
    }

    private static Task with(Task t, TaskStatus status, int attempts, Instant notBefore, Instant expiresAt) {
        return new Task(t.id(), t.deviceId(), t.action(), status, t.createdAt(), expiresAt, attempts, notBefore,
                t.lastFault(), t.result(), t.completedAt());
    }

    @Test
    void tasksRunInQueueOrderOneAtATime() {
        Fixtures.Run run = play(session(List.of(
                task(3, gpv("Device.DeviceInfo.UpTime")),
                task(1, gpv("Device.DeviceInfo.Manufacturer")),
                task(2, gpv("Device.DeviceInfo.SerialNumber")))), cpe, NOW);

        assertThat(run.requests()).containsExactly(
                new GetParameterValues(List.of("Device.DeviceInfo.Manufacturer")),
                new GetParameterValues(List.of("Device.DeviceInfo.SerialNumber")),
                new GetParameterValues(List.of("Device.DeviceInfo.UpTime")));
        assertThat(run.changes().tasks()).extracting(Task::id).containsExactly(taskId(1), taskId(2), taskId(3));
        assertThat(run.changes().tasks()).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.DONE);
            assertThat(t.completedAt()).isEqualTo(NOW);
        });
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"DONE", "FAILED", "EXPIRED", "CANCELLED"})
    void tasksThatAreNotPendingAreIgnored(TaskStatus status) {
        Task finished = with(task(1, gpv("Device.DeviceInfo.Manufacturer")), status, 1, T0, NOW.plusSeconds(60));
        Fixtures.Run run = play(session(List.of(finished, task(2, gpv("Device.DeviceInfo.SerialNumber")))), cpe, NOW);

        assertThat(run.requests()).containsExactly(new GetParameterValues(List.of("Device.DeviceInfo.SerialNumber")));
        assertThat(run.changes().tasks()).extracting(Task::id).containsExactly(taskId(2));
    }

    @Test
    void getParameterValuesLearnsTheValuesAndKeepsWritability() {
        cpe.leaf("Device.ManagementServer.PeriodicInformInterval", "900", "xsd:unsignedInt", true);
        Task t = task(1, gpv("Device.ManagementServer.PeriodicInformInterval", "Device.WiFi.SSID.1."));
        Fixtures.Run run = play(session(List.of(t)), cpe, NOW);

        Task done = run.task(t.id());
        assertThat(done.status()).isEqualTo(TaskStatus.DONE);
        assertThat(done.attempts()).isZero();
        assertThat(done.result()).isEqualTo(new TaskResult.Values(List.of(
                new ParameterValueStruct("Device.ManagementServer.PeriodicInformInterval", "900", "xsd:unsignedInt"),
                new ParameterValueStruct("Device.WiFi.SSID.1.Enable", "true", "xsd:boolean"),
                new ParameterValueStruct("Device.WiFi.SSID.1.SSID", "home", "xsd:string"))));
        assertThat(run.upsert("Device.ManagementServer.PeriodicInformInterval")).isEqualTo(new Parameter(
                "Device.ManagementServer.PeriodicInformInterval", "900", "xsd:unsignedInt", true, NOW));
        assertThat(run.upsert("Device.WiFi.SSID.1.SSID")).isEqualTo(
                new Parameter("Device.WiFi.SSID.1.SSID", "home", "xsd:string", true, NOW));
        assertThat(run.changes().deletedSubtrees()).isEmpty();
    }

    @Test
    void setParameterValuesLearnsTheValuesItSet() {
        Task t = task(1, new TaskAction.SetParameterValues(List.of(
                new ParameterValueStruct("Device.WiFi.SSID.2.Enable", "true", "xsd:boolean"),
                ParameterValueStruct.string("Device.WiFi.SSID.2.SSID", "visitors")), "change-42"));
        Fixtures.Run run = play(session(List.of(t)), cpe, NOW);

        assertThat(run.requests()).containsExactly(new SetParameterValues(List.of(
                new ParameterValueStruct("Device.WiFi.SSID.2.Enable", "true", "xsd:boolean"),
                ParameterValueStruct.string("Device.WiFi.SSID.2.SSID", "visitors")), "change-42"));
        assertThat(run.task(t.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(run.task(t.id()).result()).isEqualTo(new TaskResult.Status(0, 0));
        assertThat(run.upsert("Device.WiFi.SSID.2.Enable")).isEqualTo(
                new Parameter("Device.WiFi.SSID.2.Enable", "true", "xsd:boolean", true, NOW));
        assertThat(run.upsert("Device.WiFi.SSID.2.SSID")).isEqualTo(
                new Parameter("Device.WiFi.SSID.2.SSID", "visitors", "xsd:string", true, NOW));
        assertThat(cpe.value("Device.WiFi.SSID.2.SSID")).isEqualTo("visitors");
    }

    @Test
    void setParameterValuesWithStatusOneIsDoneWithThatStatus() {
        cpe.override = r -> r instanceof SetParameterValues ? new SetParameterValuesResponse(1) : null;
        Task t = task(1, spv("Device.WiFi.SSID.1.SSID", "x"));
        Fixtures.Run run = play(session(List.of(t)), cpe, NOW);

        assertThat(run.task(t.id()).result()).isEqualTo(new TaskResult.Status(1, 0));
    }

    @Test
    void getParameterNamesLearnsNamesWithWritabilityKeepingKnownValues() {
        cpe.leaf("Device.WiFi.SSID.1.X_New", "n", "xsd:string", true);
        Task t = task(1, new TaskAction.GetParameterNames("Device.WiFi.SSID.1.", true));
        Fixtures.Run run = play(session(List.of(t)), cpe, NOW);

        assertThat(run.requests()).containsExactly(new GetParameterNames("Device.WiFi.SSID.1.", true));
        assertThat(run.task(t.id()).result()).isEqualTo(new TaskResult.Names(List.of(
                new ParameterInfoStruct("Device.WiFi.SSID.1.Enable", true),
                new ParameterInfoStruct("Device.WiFi.SSID.1.SSID", true),
                new ParameterInfoStruct("Device.WiFi.SSID.1.X_New", true))));
        // a name already known keeps its value and when it was reported
        assertThat(run.upsert("Device.WiFi.SSID.1.SSID")).isEqualTo(stored.get("Device.WiFi.SSID.1.SSID"));
        assertThat(run.upsert("Device.WiFi.SSID.1.X_New")).isEqualTo(
                new Parameter("Device.WiFi.SSID.1.X_New", null, null, true, NOW));
    }

    @Test
    void getParameterNamesUpdatesAChangedWritability() {
        stored.put("Device.DeviceInfo.UpTime",
                new Parameter("Device.DeviceInfo.UpTime", "1", "xsd:unsignedInt", null, EARLIER));
        Task t = task(1, new TaskAction.GetParameterNames("Device.DeviceInfo.UpTime", false));
        Fixtures.Run run = play(session(List.of(t)), cpe, NOW);

        assertThat(run.upsert("Device.DeviceInfo.UpTime")).isEqualTo(
                new Parameter("Device.DeviceInfo.UpTime", "1", "xsd:unsignedInt", false, EARLIER));
    }

    @Test
    void addObjectLearnsTheNewInstanceAndWalksItBeforeTheNextTask() {
        Task add = task(1, new TaskAction.AddObject("Device.WiFi.SSID.", "add-1"));
        Task set = task(2, spv("Device.WiFi.SSID.3.SSID", "third"));
        Fixtures.Run run = play(session(List.of(add, set)), cpe, NOW);

        assertThat(run.requests()).containsExactly(
                new AddObject("Device.WiFi.SSID.", "add-1"),
                new GetParameterNames("Device.WiFi.SSID.3.", true),
                new GetParameterValues(List.of("Device.WiFi.SSID.3.Enable", "Device.WiFi.SSID.3.SSID")),
                new SetParameterValues(List.of(ParameterValueStruct.string("Device.WiFi.SSID.3.SSID", "third")), "key"));
        assertThat(run.task(add.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(run.task(add.id()).result()).isEqualTo(new TaskResult.ObjectAdded(3, 0));
        assertThat(run.task(set.id()).status()).isEqualTo(TaskStatus.DONE);
        // the instance object itself is stored, with what it holds
        assertThat(run.upsert("Device.WiFi.SSID.3.")).isEqualTo(
                new Parameter("Device.WiFi.SSID.3.", null, null, true, NOW));
        assertThat(run.upsert("Device.WiFi.SSID.3.Enable")).isEqualTo(
                new Parameter("Device.WiFi.SSID.3.Enable", "false", "xsd:string", true, NOW));
        assertThat(run.upsert("Device.WiFi.SSID.3.SSID")).isEqualTo(
                new Parameter("Device.WiFi.SSID.3.SSID", "third", "xsd:string", true, NOW));
        // the rest of the table is untouched
        assertThat(run.changes().deletedSubtrees()).allSatisfy(d -> assertThat(d).startsWith("Device.WiFi.SSID.3."));
        assertThat(run.changes().upserts()).doesNotContainKey("Device.WiFi.SSID.1.SSID");
    }

    @Test
    void addObjectInFullTreeModeWalksTheInstanceWithOneRequest() {
        Task add = task(1, new TaskAction.AddObject("Device.WiFi.SSID.", ""));
        Fixtures.Run run = play(session(List.of(add), policy(DiscoveryMode.FULL_TREE, 64, 1000)), cpe, NOW);

        assertThat(run.requests()).containsExactly(
                new AddObject("Device.WiFi.SSID.", ""),
                new GetParameterNames("Device.WiFi.SSID.3.", false),
                new GetParameterValues(List.of("Device.WiFi.SSID.3.Enable", "Device.WiFi.SSID.3.SSID")));
        assertThat(run.changes().upserts()).containsKeys("Device.WiFi.SSID.3.", "Device.WiFi.SSID.3.Enable");
    }

    @Test
    void twoAddObjectsInARowEachWalkTheirOwnInstance() {
        Task first = task(1, new TaskAction.AddObject("Device.WiFi.SSID.", ""));
        Task second = task(2, new TaskAction.AddObject("Device.WiFi.SSID.", ""));
        Fixtures.Run run = play(session(List.of(first, second)), cpe, NOW);

        assertThat(run.task(first.id()).result()).isEqualTo(new TaskResult.ObjectAdded(3, 0));
        assertThat(run.task(second.id()).result()).isEqualTo(new TaskResult.ObjectAdded(4, 0));
        assertThat(run.changes().upserts()).containsKeys("Device.WiFi.SSID.3.", "Device.WiFi.SSID.3.SSID",
                "Device.WiFi.SSID.4.", "Device.WiFi.SSID.4.SSID");
        assertThat(run.changes().deletedSubtrees()).containsExactlyInAnyOrder("Device.WiFi.SSID.3.",
                "Device.WiFi.SSID.4.");
    }

    @Test
    void aFaultWalkingTheNewInstanceIsRecordedButDoesNotBlockTheQueue() {
        cpe.gpnFaults.add("Device.WiFi.SSID.3.");
        Task add = task(1, new TaskAction.AddObject("Device.WiFi.SSID.", ""));
        Task next = task(2, gpv("Device.DeviceInfo.Manufacturer"));
        Fixtures.Run run = play(session(List.of(add, next)), cpe, NOW);

        assertThat(run.task(add.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(run.task(next.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(run.changes().faults()).singleElement().satisfies(f -> {
            assertThat(f.taskId()).isNull();
            assertThat(f.method()).isEqualTo("GetParameterNames");
        });
        assertThat(run.upsert("Device.WiFi.SSID.3.")).isEqualTo(
                new Parameter("Device.WiFi.SSID.3.", null, null, true, NOW));
        assertThat(run.changes().deletedSubtrees()).isEmpty();
    }

    @Test
    void deleteObjectForgetsTheSubtree() {
        Task delete = task(1, new TaskAction.DeleteObject("Device.WiFi.SSID.2.", "del"));
        Task read = task(2, gpv("Device.WiFi.SSID.1.SSID"));
        Fixtures.Run run = play(session(List.of(delete, read)), cpe, NOW);

        assertThat(run.requests()).containsExactly(new DeleteObject("Device.WiFi.SSID.2.", "del"),
                new GetParameterValues(List.of("Device.WiFi.SSID.1.SSID")));
        assertThat(run.task(delete.id()).result()).isEqualTo(new TaskResult.Status(0, 0));
        assertThat(run.changes().deletedSubtrees()).containsExactly("Device.WiFi.SSID.2.");
        assertThat(run.changes().upserts().keySet()).noneMatch(k -> k.startsWith("Device.WiFi.SSID.2."));
        assertThat(run.changes().upserts()).containsKey("Device.WiFi.SSID.1.SSID");
    }

    @Test
    void rebootAndFactoryResetAreDoneWithStatusZero() {
        Task reboot = task(1, new TaskAction.Reboot("ck-1"));
        Task reset = task(2, new TaskAction.FactoryReset());
        Fixtures.Run run = play(session(List.of(reboot, reset)), cpe, NOW);

        assertThat(run.requests()).containsExactly(new Reboot("ck-1"), new FactoryReset());
        assertThat(run.task(reboot.id()).result()).isEqualTo(new TaskResult.Status(0, 0));
        assertThat(run.task(reset.id()).result()).isEqualTo(new TaskResult.Status(0, 0));
        assertThat(run.changes().upserts()).isEmpty();
    }

    @Test
    void aFaultRetryingCannotCureFailsTheTaskAtOnceAndUnrelatedTasksRun() {
        Task bad = task(1, spv("Device.DeviceInfo.UpTime", "1"));
        Task next = task(2, gpv("Device.DeviceInfo.Manufacturer"));
        Fixtures.Run run = play(session(List.of(bad, next)), cpe, NOW);

        assertThat(run.requests()).hasSize(2).first().isInstanceOf(SetParameterValues.class);
        String message = "Invalid arguments (Device.DeviceInfo.UpTime: 9008 Attempt to set a non-writable parameter)";
        assertThat(run.changes().faults()).containsExactly(
                new DeviceFault(DEVICE_ID, bad.id(), "SetParameterValues", 9003, message, NOW));
        Task after = run.task(bad.id());
        assertThat(after.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.lastFault()).isEqualTo(new TaskFault(9003, message, NOW));
        assertThat(after.completedAt()).isEqualTo(NOW);
        // each parameter's fault is kept in the task, not only in the text
        assertThat(after.result()).isEqualTo(new io.lodestar.acs.core.task.TaskResult.ParameterFaults(List.of(
                new CwmpFault.SetParameterValuesFault("Device.DeviceInfo.UpTime", 9008,
                        "Attempt to set a non-writable parameter"))));
        assertThat(run.task(next.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(run.changes().upserts()).doesNotContainKey("Device.DeviceInfo.UpTime");
    }

    @Test
    void aTransientFaultIsRetriedLaterAndHoldsOnlyTheTasksWaitingForIt() {
        cpe.override = r -> r instanceof SetParameterValues ? CwmpFault.acs(9002, "Internal error") : null;
        Task flaky = task(1, spv("Device.WiFi.SSID.1.SSID", "x"));
        Task waiting = task(2, gpv("Device.WiFi.SSID.1.SSID")).after(flaky.id());
        Task waitingForTheWaiting = task(3, gpv("Device.WiFi.SSID.1.Enable")).after(waiting.id());
        Task unrelated = task(4, new TaskAction.Reboot("ck-1"));
        Fixtures.Run run = play(session(List.of(flaky, waiting, waitingForTheWaiting, unrelated)), cpe, NOW);

        assertThat(run.requests()).containsExactly(new SetParameterValues(flaky.action() instanceof
                TaskAction.SetParameterValues s ? s.values() : List.of(), "key"), new Reboot("ck-1"));
        Task after = run.task(flaky.id());
        assertThat(after.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.notBefore()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
        assertThat(after.lastFault()).isEqualTo(new TaskFault(9002, "Internal error", NOW));
        assertThat(run.task(waiting.id())).as("untouched: waits for a later session").isNull();
        assertThat(run.task(waitingForTheWaiting.id())).isNull();
        assertThat(run.task(unrelated.id()).status()).isEqualTo(TaskStatus.DONE);
    }

    @Test
    void theTasksWaitingForATaskThatFailsForGoodFailWithoutBeingSent() {
        Task bad = task(1, spv("Device.DeviceInfo.UpTime", "1"));
        Task waiting = task(2, gpv("Device.DeviceInfo.UpTime")).after(bad.id());
        Task waitingForTheWaiting = task(3, gpv("Device.DeviceInfo.UpTime")).after(waiting.id());
        Task unrelated = task(4, gpv("Device.DeviceInfo.Manufacturer"));
        Fixtures.Run run = play(session(List.of(bad, waiting, waitingForTheWaiting, unrelated)), cpe, NOW);

        assertThat(run.requests()).hasSize(2);
        for (Task t : List.of(waiting, waitingForTheWaiting)) {
            Task after = run.task(t.id());
            assertThat(after.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(after.attempts()).as("never sent").isZero();
            assertThat(after.lastFault().code()).isEqualTo(TaskFault.PREREQUISITE_FAILED);
            assertThat(after.completedAt()).isEqualTo(NOW);
        }
        assertThat(run.task(waiting.id()).lastFault().message()).contains(bad.id().value(), "FAILED");
        assertThat(run.task(unrelated.id()).status()).isEqualTo(TaskStatus.DONE);
    }

    @Test
    void aTaskWaitingForOneThatFailedInAnEarlierSessionFailsWithoutBeingSent() {
        Task failedEarlier = with(task(1, gpv("Device.DeviceInfo.UpTime")), TaskStatus.FAILED, 5, T0,
                NOW.plus(Duration.ofDays(1)));
        Task waiting = task(2, gpv("Device.DeviceInfo.Manufacturer")).after(failedEarlier.id());
        Fixtures.Run run = play(session(List.of(failedEarlier, waiting)), cpe, NOW);

        assertThat(run.requests()).isEmpty();
        assertThat(run.task(waiting.id()).status()).isEqualTo(TaskStatus.FAILED);
        assertThat(run.task(waiting.id()).lastFault().code()).isEqualTo(TaskFault.PREREQUISITE_FAILED);
        assertThat(run.task(failedEarlier.id())).as("left as it was").isNull();
    }

    @Test
    void aTaskWaitingForOneThatIsNoLongerPendingRuns() {
        Task waiting = task(2, gpv("Device.DeviceInfo.Manufacturer")).after(taskId(1));
        Fixtures.Run run = play(session(List.of(waiting)), cpe, NOW);

        assertThat(run.task(waiting.id()).status()).isEqualTo(TaskStatus.DONE);
    }

    @Test
    void aTaskWaitingForOneDoneEarlierInTheSessionRuns() {
        Task first = task(1, spv("Device.WiFi.SSID.1.SSID", "x"));
        Task waiting = task(2, gpv("Device.WiFi.SSID.1.SSID")).after(first.id());
        Fixtures.Run run = play(session(List.of(first, waiting)), cpe, NOW);

        assertThat(run.task(first.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(run.task(waiting.id()).status()).isEqualTo(TaskStatus.DONE);
    }

    @Test
    void aMismatchedAnswerIsAFailedAttempt() {
        cpe.override = r -> r instanceof SetParameterValues ? new GetParameterValuesResponse(List.of()) : null;
        Task t = task(1, spv("Device.WiFi.SSID.1.SSID", "x"));
        Task next = task(2, gpv("Device.DeviceInfo.Manufacturer"));
        Fixtures.Run run = play(session(List.of(t, next)), cpe, NOW);

        assertThat(run.changes().faults()).singleElement().satisfies(f -> {
            assertThat(f.taskId()).isEqualTo(t.id());
            assertThat(f.method()).isEqualTo("SetParameterValues");
        });
        assertThat(run.task(t.id()).attempts()).isEqualTo(1);
        assertThat(run.task(t.id()).status()).isEqualTo(TaskStatus.PENDING);
        assertThat(run.task(next.id()).status()).as("it does not wait for t").isEqualTo(TaskStatus.DONE);
        assertThat(run.changes().upserts()).doesNotContainKey("Device.WiFi.SSID.1.SSID");
    }

    @Test
    void retryBackOffDoublesUpToTheCapAndTheLastAttemptFails() {
        RetryPolicy retry = new RetryPolicy(6, Duration.ofMinutes(1), Duration.ofMinutes(5));
        SessionPolicy p = new SessionPolicy(policy().identityScheme(), true, DiscoveryMode.LEVEL_BY_LEVEL, 64, 1000,
                retry);
        Duration[] expected = {Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(5), Duration.ofMinutes(5)};
        Task t = task(1, spv("Device.WiFi.SSID.1.SSID", "x"));
        Instant now = NOW;
        for (int attempt = 0; attempt < 5; attempt++) {
            cpe = flaky();
            Task after = play(session(List.of(t), p), cpe, now).task(t.id());
            assertThat(after.status()).isEqualTo(TaskStatus.PENDING);
            assertThat(after.attempts()).isEqualTo(attempt + 1);
            assertThat(after.notBefore()).isEqualTo(now.plus(expected[attempt]));
            t = after;
            now = after.notBefore();
        }
        Task last = play(session(List.of(t), p), flaky(), now).task(t.id());
        assertThat(last.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(last.attempts()).isEqualTo(6);
        assertThat(last.completedAt()).isEqualTo(now);
        assertThat(last.lastFault().code()).isEqualTo(9002);
    }

    /** A CPE that answers every SetParameterValues with a transient fault. */
    private static FakeCpe flaky() {
        FakeCpe flaky = FakeCpe.standard();
        flaky.override = r -> r instanceof SetParameterValues ? CwmpFault.acs(9002, "Internal error") : null;
        return flaky;
    }

    @Test
    void anExpiredTaskIsMarkedAndSkipped() {
        Task atExpiry = with(task(1, gpv("Device.DeviceInfo.Manufacturer")), TaskStatus.PENDING, 0, T0, NOW);
        Task long_ago = with(task(2, gpv("Device.DeviceInfo.Manufacturer")), TaskStatus.PENDING, 2, T0,
                NOW.minus(Duration.ofDays(1)));
        Task live = with(task(3, gpv("Device.DeviceInfo.SerialNumber")), TaskStatus.PENDING, 0, T0,
                NOW.plusMillis(1));
        Fixtures.Run run = play(session(List.of(atExpiry, long_ago, live)), cpe, NOW);

        assertThat(run.requests()).containsExactly(new GetParameterValues(List.of("Device.DeviceInfo.SerialNumber")));
        for (Task t : List.of(atExpiry, long_ago)) {
            Task after = run.task(t.id());
            assertThat(after.status()).isEqualTo(TaskStatus.EXPIRED);
            assertThat(after.completedAt()).isEqualTo(NOW);
            assertThat(after.attempts()).isEqualTo(t.attempts());
        }
        assertThat(run.task(live.id()).status()).isEqualTo(TaskStatus.DONE);
    }

    @Test
    void aTaskBackingOffHoldsOnlyTheTasksWaitingForIt() {
        Task backingOff = with(task(1, gpv("Device.DeviceInfo.Manufacturer")), TaskStatus.PENDING, 1,
                NOW.plusSeconds(1), NOW.plus(Duration.ofDays(1)));
        Task waiting = task(2, gpv("Device.DeviceInfo.UpTime")).after(backingOff.id());
        Task later = task(3, gpv("Device.DeviceInfo.SerialNumber"));
        Fixtures.Run run = play(session(List.of(backingOff, waiting, later)), cpe, NOW);

        assertThat(run.requests()).containsExactly(new GetParameterValues(List.of("Device.DeviceInfo.SerialNumber")));
        assertThat(run.changes().tasks()).extracting(Task::id).containsExactly(later.id());
    }

    @Test
    void aTaskWhoseBackOffEndsNowIsSent() {
        Task ready = with(task(1, gpv("Device.DeviceInfo.Manufacturer")), TaskStatus.PENDING, 1, NOW,
                NOW.plus(Duration.ofDays(1)));
        Fixtures.Run run = play(session(List.of(ready)), cpe, NOW);

        assertThat(run.requests()).hasSize(1);
        assertThat(run.task(ready.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(run.task(ready.id()).attempts()).isEqualTo(1);
    }

    @Test
    void refreshOfASubtreeWalksItAndReplacesItKeepingTheObjectItself() {
        stored.put("Device.WiFi.SSID.9.SSID",
                new Parameter("Device.WiFi.SSID.9.SSID", "stale", "xsd:string", true, EARLIER));
        Task t = task(1, new TaskAction.Refresh("Device.WiFi."));
        Fixtures.Run run = play(session(List.of(t)), cpe, NOW);

        assertThat(run.requests().get(0)).isEqualTo(new GetParameterNames("Device.WiFi.", true));
        assertThat(run.requestsOf(GetParameterNames.class)).extracting(GetParameterNames::parameterPath)
                .allSatisfy(path -> assertThat(path).startsWith("Device.WiFi."));
        // SSID., SSID.1., its 2 leaves, SSID.2., its 2 leaves, SSIDNumberOfEntries
        assertThat(run.task(t.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(run.task(t.id()).result()).isEqualTo(new TaskResult.Status(0, 8));
        assertThat(run.changes().deletedSubtrees()).containsExactly("Device.WiFi.");
        assertThat(run.changes().upserts()).doesNotContainKey("Device.WiFi.SSID.9.SSID");
        assertThat(run.upsert("Device.WiFi.")).isEqualTo(stored.get("Device.WiFi."));
        assertThat(run.upsert("Device.WiFi.SSID.1.SSID")).isEqualTo(
                new Parameter("Device.WiFi.SSID.1.SSID", "home", "xsd:string", true, NOW));
        assertThat(run.changes().device().discoveryRequired()).isFalse();
        assertThat(run.changes().device().discoveredAt()).isEqualTo(known(Map.of(), Set.of()).device().discoveredAt());
    }

    @Test
    void refreshOfEverythingWalksTheWholeModelAndCountsAsADiscovery() {
        Task t = task(1, new TaskAction.Refresh(""));
        Task after = task(2, gpv("Device.DeviceInfo.Manufacturer"));
        Fixtures.Run run = play(session(List.of(t, after)), cpe, NOW);

        assertThat(run.requests().get(0)).isEqualTo(new GetParameterNames("Device.", true));
        assertThat(run.requests().get(run.requests().size() - 1))
                .isEqualTo(new GetParameterValues(List.of("Device.DeviceInfo.Manufacturer")));
        assertThat(run.task(t.id()).result()).isEqualTo(new TaskResult.Status(0, cpe.model().size() - 1));
        assertThat(run.task(after.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(run.changes().deletedSubtrees()).containsExactly("Device.");
        assertThat(run.changes().device().discoveryRequired()).isFalse();
        assertThat(run.changes().device().discoveredAt()).isEqualTo(NOW);
    }

    @Test
    void aRefreshWhoseRootFaultsIsAFailedAttempt() {
        Task t = task(1, new TaskAction.Refresh("Device.Nope."));
        Task next = task(2, gpv("Device.DeviceInfo.Manufacturer"));
        Fixtures.Run run = play(session(List.of(t, next)), cpe, NOW);

        assertThat(run.requests()).containsExactly(new GetParameterNames("Device.Nope.", true),
                new GetParameterValues(List.of("Device.DeviceInfo.Manufacturer")));
        assertThat(run.changes().faults()).singleElement().satisfies(f -> {
            assertThat(f.taskId()).isEqualTo(t.id());
            assertThat(f.method()).isEqualTo("GetParameterNames");
            assertThat(f.code()).isEqualTo(9005);
        });
        Task after = run.task(t.id());
        assertThat(after.status()).as("9005 cannot be cured by retrying").isEqualTo(TaskStatus.FAILED);
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.lastFault().code()).isEqualTo(9005);
        assertThat(run.task(next.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(run.changes().deletedSubtrees()).isEmpty();
    }

    @Test
    void anAnswerToNothingIsIgnored() {
        Task t = task(1, gpv("Device.DeviceInfo.Manufacturer"));
        CwmpSession s = session(List.of(t));

        SessionStep first = s.next(new GetParameterValuesResponse(List.of(
                ParameterValueStruct.string("Device.DeviceInfo.Manufacturer", "Evil"))), NOW);
        assertThat(first).isEqualTo(new SessionStep.Send(new GetParameterValues(List.of("Device.DeviceInfo.Manufacturer"))));
        SessionStep end = s.next(cpe.answer((GetParameterValues) ((SessionStep.Send) first).message()), NOW);
        assertThat(end).isInstanceOf(SessionStep.End.class);

        SessionChanges changes = s.finish();
        assertThat(changes.upserts().get("Device.DeviceInfo.Manufacturer").value()).isEqualTo("Acme");
        assertThat(changes.faults()).isEmpty();
        assertThat(changes.tasks()).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo(TaskStatus.DONE));
    }

    @Test
    void aFaultToNothingIsIgnored() {
        CwmpSession s = session(List.of());

        assertThat(s.next(CwmpFault.acs(9002, "Internal error"), NOW)).isInstanceOf(SessionStep.End.class);
        assertThat(s.finish().faults()).isEmpty();
    }

    @Test
    void nothingCanBeAskedOfAnEndedSession() {
        CwmpSession s = session(List.of());
        assertThat(s.next(null, NOW)).isInstanceOf(SessionStep.End.class);
        assertThat(s.isEnded()).isTrue();

        assertThatThrownBy(() -> s.next(null, NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theRpcsOfTheSessionAreListedInOrder() {
        CwmpSession s = session(List.of(task(1, gpv("Device.DeviceInfo.Manufacturer")),
                task(2, new TaskAction.Reboot(""))));
        play(s, cpe, NOW);

        assertThat(s.rpcs()).containsSubsequence("GetParameterValues", "Reboot");
        assertThat(s.parametersWritten()).isEqualTo(1);
    }
}
