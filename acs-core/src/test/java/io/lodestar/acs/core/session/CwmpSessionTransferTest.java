package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.operation.OperationStatus;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.AutonomousDUStateChangeComplete;
import io.lodestar.acs.core.rpc.AutonomousDUStateChangeCompleteResponse;
import io.lodestar.acs.core.rpc.CancelTransferResponse;
import io.lodestar.acs.core.rpc.DUStateChangeComplete;
import io.lodestar.acs.core.rpc.DownloadResponse;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.Kicked;
import io.lodestar.acs.core.rpc.KickedResponse;
import io.lodestar.acs.core.rpc.OpResultStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.TransferComplete;
import io.lodestar.acs.core.rpc.TransferCompleteResponse;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;
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
import static io.lodestar.acs.core.session.Fixtures.policy;
import static io.lodestar.acs.core.session.Fixtures.storedModelOf;
import static io.lodestar.acs.core.session.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfers as operations: a Download accepted for later is awaited; the device's TransferComplete, in a later
 * session, ends it by CommandKey (completed, or failed with its fault); a firmware naming its version completes only
 * when an Inform reports that version.
 */
class CwmpSessionTransferTest {

    private static final Instant NOW = T0.plus(Duration.ofMinutes(30));
    private static final Duration TRANSFER_TIMEOUT = SessionPolicy.DEFAULT_TRANSFER_TIMEOUT;
    private static final TaskAction.Download FIRMWARE = new TaskAction.Download(TaskAction.FIRMWARE_IMAGE,
            "http://files/fw.bin", "cpe", "pw", 2048, "", 30, null, null, "fw-1", "2.0");

    private final FakeCpe cpe = FakeCpe.standard();
    private final Map<String, Parameter> stored = new HashMap<>(storedModelOf(cpe, T0));

    private CwmpSession session(Inform inform, List<Task> tasks, List<Operation> operations, Instant now) {
        DeviceSnapshot snapshot = known(stored, Set.of());
        return Fixtures.open(inform, Optional.of(snapshot), tasks, operations, policy(), now);
    }

    private static Inform inform(String version, EventStruct... events) {
        return new Inform(DEVICE_ID_STRUCT, List.of(events), 1, "2025-03-01T10:00:00Z", 0,
                List.of(ParameterValueStruct.string("Device.DeviceInfo.SoftwareVersion", version)));
    }

    private static Operation awaited(int task, TaskAction.Download download) {
        return Operation.startTransfer(Fixtures.taskId(task), DEVICE_ID, OperationKind.DOWNLOAD,
                download.commandKey(), download.expectedSoftwareVersion(), NOW, NOW.plus(TRANSFER_TIMEOUT));
    }

    @Test
    void aDownloadAcceptedForLaterIsAnOperationInProgressWithItsDeadlineAfterTheDelay() {
        Task download = task(1, FIRMWARE);
        CwmpSession s = session(inform("1.0", EventStruct.of(EventStruct.PERIODIC)), List.of(download), List.of(), NOW);

        assertThat(s.next(null, NOW)).isInstanceOf(SessionStep.Send.class);
        s.next(new DownloadResponse(1, "", ""), NOW);

        SessionChanges changes = s.finish();
        assertThat(changes.tasks()).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.DONE);
            assertThat(t.result()).isEqualTo(new TaskResult.Transfer(1, "", ""));
        });
        assertThat(changes.operations()).containsExactly(Operation.startTransfer(download.id(), DEVICE_ID,
                OperationKind.DOWNLOAD, "fw-1", "2.0", NOW, NOW.plusSeconds(30).plus(TRANSFER_TIMEOUT)));
    }

    @Test
    void aDownloadDoneAtOnceWithoutAVersionToAwaitCompletesWithTheDevicesTimes() {
        TaskAction.Download config = new TaskAction.Download("3 Vendor Configuration File", "http://files/c.xml", "",
                "", 10, "", 0, null, null, "cfg", null);
        Task download = task(1, config);
        CwmpSession s = session(inform("1.0", EventStruct.of(EventStruct.PERIODIC)), List.of(download), List.of(), NOW);
        s.next(null, NOW);
        s.next(new DownloadResponse(0, "2025-03-01T10:29:58Z", "2025-03-01T10:29:59Z"), NOW);

        assertThat(s.finish().operations()).singleElement().satisfies(op -> {
            assertThat(op.status()).isEqualTo(OperationStatus.COMPLETED);
            assertThat(op.transfer().transferStartedAt()).isEqualTo(Instant.parse("2025-03-01T10:29:58Z"));
            assertThat(op.transfer().transferCompletedAt()).isEqualTo(Instant.parse("2025-03-01T10:29:59Z"));
        });
    }

    @Test
    void transferCompleteInALaterSessionEndsTheOperationWithItsCommandKeyOnly() {
        TaskAction.Download config = new TaskAction.Download("3 Vendor Configuration File", "http://files/c.xml", "",
                "", 10, "", 0, null, null, "cfg", null);
        Operation mine = awaited(1, config);
        Operation other = awaited(2, config.withCommandKey("other"));
        Instant later = NOW.plusSeconds(120);
        CwmpSession s = session(inform("1.0", EventStruct.of(EventStruct.TRANSFER_COMPLETE),
                new EventStruct(EventStruct.M_DOWNLOAD, "cfg")), List.of(), List.of(mine, other), later);

        assertThat(s.next(new TransferComplete("cfg", FaultStruct.NONE, "2025-03-01T10:31:00Z",
                "2025-03-01T10:31:05Z"), later)).isEqualTo(new SessionStep.Send(new TransferCompleteResponse()));

        assertThat(s.next(null, later)).isInstanceOf(SessionStep.End.class);
        assertThat(s.finish().operations()).containsExactly(mine.afterTransferReport(FaultStruct.NONE,
                Instant.parse("2025-03-01T10:31:00Z"), Instant.parse("2025-03-01T10:31:05Z"), "1.0", false, later));
        assertThat(s.finish().operations().get(0).status()).isEqualTo(OperationStatus.COMPLETED);
    }

    @Test
    void aFailedTransferIsStoredWithTheDevicesFault() {
        Operation mine = awaited(1, FIRMWARE);
        Instant later = NOW.plusSeconds(120);
        CwmpSession s = session(inform("1.0", EventStruct.of(EventStruct.TRANSFER_COMPLETE)), List.of(),
                List.of(mine), later);
        FaultStruct notFound = new FaultStruct(9016, "Unable to access file: HTTP 404");

        s.next(new TransferComplete("fw-1", notFound, "", ""), later);

        assertThat(s.finish().operations()).singleElement().satisfies(op -> {
            assertThat(op.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(op.transfer().fault()).isEqualTo(notFound);
            assertThat(op.endedAt()).isEqualTo(later);
        });
    }

    @Test
    void aFirmwareCompletesOnlyOnceTheDeviceReportsTheExpectedVersion() {
        Operation mine = awaited(1, FIRMWARE);
        Instant t1 = NOW.plusSeconds(60);
        // the device reports the transfer before its reboot: the version is still the old one
        CwmpSession first = session(inform("1.0", EventStruct.of(EventStruct.TRANSFER_COMPLETE)), List.of(),
                List.of(mine), t1);
        first.next(new TransferComplete("fw-1", FaultStruct.NONE, "", ""), t1);
        Operation transferred = first.finish().operations().get(0);
        assertThat(transferred.status()).isEqualTo(OperationStatus.IN_PROGRESS);
        assertThat(transferred.transfer().transferred()).isTrue();

        Instant t2 = t1.plusSeconds(60);
        CwmpSession periodic = session(inform("1.0", EventStruct.of(EventStruct.PERIODIC)), List.of(),
                List.of(transferred), t2);
        assertThat(periodic.finish().operations()).as("no boot yet: undecided").isEmpty();

        CwmpSession booted = session(inform("2.0", EventStruct.of(EventStruct.BOOT),
                new EventStruct(EventStruct.M_DOWNLOAD, "fw-1")), List.of(), List.of(transferred), t2);
        assertThat(booted.finish().operations()).containsExactly(transferred.completed(t2));
    }

    @Test
    void aFirmwareReportedAfterTheRebootWithTheNewVersionCompletesAtOnce() {
        Operation mine = awaited(1, FIRMWARE);
        Instant later = NOW.plusSeconds(300);
        CwmpSession s = session(inform("2.0", EventStruct.of(EventStruct.BOOT),
                EventStruct.of(EventStruct.TRANSFER_COMPLETE), new EventStruct(EventStruct.M_DOWNLOAD, "fw-1")),
                List.of(), List.of(mine), later);

        s.next(new TransferComplete("fw-1", FaultStruct.NONE, "", ""), later);

        assertThat(s.finish().operations()).singleElement()
                .satisfies(op -> assertThat(op.status()).isEqualTo(OperationStatus.COMPLETED));
    }

    @Test
    void aDeviceThatBootsWithAnotherVersionFailsTheFirmwareOperation() {
        Operation transferred = awaited(1, FIRMWARE).afterTransferReport(FaultStruct.NONE, null, null, "1.0", false,
                NOW);
        Instant later = NOW.plusSeconds(300);

        CwmpSession s = session(inform("1.0", EventStruct.of(EventStruct.BOOT)), List.of(), List.of(transferred), later);

        assertThat(s.finish().operations()).singleElement().satisfies(op -> {
            assertThat(op.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(op.transfer().fault().faultCode()).isEqualTo(Operation.WRONG_VERSION_FAULT);
            assertThat(op.transfer().fault().faultString()).contains("1.0").contains("2.0");
        });
    }

    @Test
    void aTransferReportedInABootSessionWithAnotherVersionFailsAtOnce() {
        Operation mine = awaited(1, FIRMWARE);
        Instant later = NOW.plusSeconds(300);
        CwmpSession s = session(inform("1.9", EventStruct.of(EventStruct.BOOT),
                EventStruct.of(EventStruct.TRANSFER_COMPLETE), new EventStruct(EventStruct.M_DOWNLOAD, "fw-1")),
                List.of(), List.of(mine), later);

        s.next(new TransferComplete("fw-1", FaultStruct.NONE, "", ""), later);

        assertThat(s.finish().operations()).singleElement().satisfies(op -> {
            assertThat(op.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(op.transfer().fault().faultCode()).isEqualTo(Operation.WRONG_VERSION_FAULT);
        });
    }

    @Test
    void aTransferNotReportedByItsDeadlineTimesOut() {
        Operation mine = awaited(1, FIRMWARE);
        CwmpSession s = session(inform("1.0", EventStruct.of(EventStruct.PERIODIC)), List.of(), List.of(mine),
                mine.deadline());

        assertThat(s.finish().operations()).containsExactly(mine.timedOut(mine.deadline()));
    }

    @Test
    void aCancelledTransferEndsItsOperation() {
        Operation mine = awaited(1, FIRMWARE);
        Task cancel = task(2, new TaskAction.CancelTransfer("fw-1"));
        Instant later = NOW.plusSeconds(10);
        CwmpSession s = session(inform("1.0", EventStruct.of(EventStruct.PERIODIC)), List.of(cancel), List.of(mine),
                later);
        s.next(null, later);
        s.next(new CancelTransferResponse(), later);

        assertThat(s.finish().operations()).containsExactly(mine.cancelled(later));
    }

    @Test
    void duStateChangeCompleteEndsTheChangeDuStateWithTheFirstFailingResultsFault() {
        Operation du = Operation.startTransfer(Fixtures.taskId(1), DEVICE_ID, OperationKind.CHANGE_DU_STATE, "du-1", "",
                NOW, NOW.plus(TRANSFER_TIMEOUT));
        Instant later = NOW.plusSeconds(30);
        CwmpSession s = session(inform("1.0", EventStruct.of("11 DU STATE CHANGE COMPLETE")), List.of(), List.of(du),
                later);
        FaultStruct bad = new FaultStruct(9018, "bad package");

        s.next(new DUStateChangeComplete("du-1", List.of(new OpResultStruct("", "", "", "Failed", false, "", "", bad))),
                later);

        assertThat(s.finish().operations()).singleElement().satisfies(op -> {
            assertThat(op.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(op.transfer().fault()).isEqualTo(bad);
        });
    }

    @Test
    void kickedAndAutonomousDuStateChangeCompleteAreAnswered() {
        CwmpSession s = session(inform("1.0", EventStruct.of("5 KICKED")), List.of(), List.of(), NOW);

        assertThat(s.next(new Kicked("reset", "http://portal/a", "", "http://portal/next"), NOW))
                .isEqualTo(new SessionStep.Send(new KickedResponse("http://portal/next")));
        assertThat(s.next(new AutonomousDUStateChangeComplete(List.of()), NOW))
                .isEqualTo(new SessionStep.Send(new AutonomousDUStateChangeCompleteResponse()));
    }
}
