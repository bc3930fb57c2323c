package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.operation.OperationStatus;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.lodestar.acs.core.session.Fixtures.DEVICE_ID;
import static io.lodestar.acs.core.session.Fixtures.DEVICE_ID_STRUCT;
import static io.lodestar.acs.core.session.Fixtures.T0;
import static io.lodestar.acs.core.session.Fixtures.known;
import static io.lodestar.acs.core.session.Fixtures.play;
import static io.lodestar.acs.core.session.Fixtures.policy;
import static io.lodestar.acs.core.session.Fixtures.storedModelOf;
import static io.lodestar.acs.core.session.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

/** A Reboot or FactoryReset the device accepted is an operation until a later Inform reports its end. */
class CwmpSessionOperationTest {

    private static final Instant NOW = T0.plus(Duration.ofMinutes(30));
    private static final Duration TIMEOUT = SessionPolicy.DEFAULT_OPERATION_TIMEOUT;

    private final FakeCpe cpe = FakeCpe.standard();
    private final Map<String, Parameter> stored = new HashMap<>(storedModelOf(cpe, T0));

    private CwmpSession session(Inform inform, List<Task> tasks, List<Operation> operations, Instant now) {
        DeviceSnapshot snapshot = known(stored, Set.of());
        return Fixtures.open(inform, Optional.of(snapshot), tasks, operations, policy(), now);
    }

    private static Inform informWith(EventStruct... events) {
        return new Inform(DEVICE_ID_STRUCT, List.of(events), 1, "2025-03-01T10:00:00Z", 0, List.of());
    }

    private static Operation inProgress(int task, OperationKind kind, String commandKey) {
        return Operation.start(Fixtures.taskId(task), DEVICE_ID, kind, commandKey, NOW, TIMEOUT);
    }

    @Test
    void anAnsweredRebootOrFactoryResetStartsAnOperation() {
        Task reboot = task(1, new TaskAction.Reboot("ck-1"));
        Task reset = task(2, new TaskAction.FactoryReset());
        Task get = task(3, new TaskAction.GetParameterValues(List.of("Device.DeviceInfo.Manufacturer")));
        // the reset blocks what follows it: only the first two run
        Fixtures.Run run = play(session(informWith(EventStruct.of(EventStruct.PERIODIC)), List.of(reboot, reset, get),
                List.of(), NOW), cpe, NOW);

        assertThat(run.task(reboot.id()).status()).as("the task is done: the device answered").isEqualTo(TaskStatus.DONE);
        assertThat(run.changes().operations()).containsExactly(
                new Operation(reboot.id(), DEVICE_ID, OperationKind.REBOOT, "ck-1", OperationStatus.IN_PROGRESS, NOW,
                        NOW.plus(TIMEOUT), null),
                new Operation(reset.id(), DEVICE_ID, OperationKind.FACTORY_RESET, "", OperationStatus.IN_PROGRESS, NOW,
                        NOW.plus(TIMEOUT), null));
    }

    @Test
    void mRebootWithTheCommandKeyEndsTheReboot() {
        Operation mine = inProgress(1, OperationKind.REBOOT, "ck-1");
        Operation other = inProgress(2, OperationKind.REBOOT, "ck-2");
        Instant later = NOW.plusSeconds(90);

        CwmpSession s = session(informWith(EventStruct.of(EventStruct.BOOT), new EventStruct(EventStruct.M_REBOOT, "ck-1")),
                List.of(), List.of(mine, other), later);

        assertThat(play(s, cpe, later).changes().operations()).containsExactly(mine.completed(later));
    }

    @Test
    void aBootstrapEndsAFactoryResetAndTimesOutWhatTheDevicesNewLifeWillNeverReport() {
        Operation reset = inProgress(1, OperationKind.FACTORY_RESET, "");
        Operation reboot = inProgress(2, OperationKind.REBOOT, "");
        Operation scheduled = inProgress(3, OperationKind.SCHEDULED_INFORM, "ck-s");
        Instant later = NOW.plusSeconds(300);

        CwmpSession s = session(informWith(EventStruct.of(EventStruct.BOOTSTRAP), EventStruct.of(EventStruct.BOOT)),
                List.of(), List.of(reset, reboot, scheduled), later);

        // TR-069 3.7.1.5: with 0 BOOTSTRAP the CPE discards every other undelivered event
        assertThat(s.finish().operations()).containsExactly(reset.completed(later), reboot.timedOut(later),
                scheduled.timedOut(later));
    }

    @Test
    void mScheduleInformWithTheCommandKeyEndsTheScheduledInform() {
        Operation mine = inProgress(1, OperationKind.SCHEDULED_INFORM, "ck-s");
        Operation other = inProgress(2, OperationKind.SCHEDULED_INFORM, "ck-t");
        Instant later = NOW.plusSeconds(30);

        CwmpSession s = session(informWith(EventStruct.of(EventStruct.SCHEDULED),
                new EventStruct(EventStruct.M_SCHEDULE_INFORM, "ck-s")), List.of(), List.of(mine, other), later);

        assertThat(play(s, cpe, later).changes().operations()).containsExactly(mine.completed(later));
    }

    @Test
    void anOperationNotReportedByItsDeadlineTimesOutAtTheNextSessionAfterIt() {
        Operation reboot = inProgress(1, OperationKind.REBOOT, "ck-1");
        Instant before = reboot.deadline().minusSeconds(1);

        assertThat(session(informWith(EventStruct.of(EventStruct.PERIODIC)), List.of(), List.of(reboot), before)
                .finish().operations()).as("still time").isEmpty();
        assertThat(session(informWith(EventStruct.of(EventStruct.PERIODIC)), List.of(), List.of(reboot),
                reboot.deadline()).finish().operations()).containsExactly(reboot.timedOut(reboot.deadline()));
        // a report of another reboot does not end this one
        assertThat(session(informWith(new EventStruct(EventStruct.M_REBOOT, "other")), List.of(), List.of(reboot), before)
                .finish().operations()).isEmpty();
    }

    @Test
    void endedOperationsAreLeftAsTheyAre() {
        Operation done = inProgress(1, OperationKind.REBOOT, "ck-1").completed(NOW);
        Instant later = NOW.plus(Duration.ofDays(1));

        assertThat(session(informWith(new EventStruct(EventStruct.M_REBOOT, "ck-1")), List.of(), List.of(done), later)
                .finish().operations()).isEmpty();
    }
}
