package io.lodestar.acs.core.session;

import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.operation.ReportedTime;
import io.lodestar.acs.core.rpc.DUStateChangeComplete;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.rpc.OpResultStruct;
import io.lodestar.acs.core.rpc.TransferComplete;
import io.lodestar.acs.core.task.TaskId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A device's transfers in progress during one session, to correlate the device's reports with them by CommandKey:
 * those stored (loaded with the session, so the correlation survives sessions and ACS restarts) and those this
 * session starts. When two in progress share a CommandKey, the oldest (first queued) is taken.
 */
final class TransferLedger {

    private final Map<TaskId, Operation> inProgress = new TreeMap<>();

    TransferLedger(List<Operation> operations) {
        operations.forEach(this::track);
    }

    /** Notes an operation's new state (started, or ended by anything). */
    void track(Operation op) {
        if (op.isInProgress()) {
            inProgress.put(op.taskId(), op);
        } else {
            inProgress.remove(op.taskId());
        }
    }

    /** The Download, Upload or ScheduleDownload the report ends, after the report; empty when none matches. */
    Optional<Operation> transferComplete(TransferComplete report, String currentVersion, boolean booted, Instant now) {
        return oldest(op -> op.kind().endsWithTransferComplete() && op.commandKey().equals(report.commandKey()))
                .map(op -> op.afterTransferReport(report.fault(), ReportedTime.parse(report.startTime()),
                        ReportedTime.parse(report.completeTime()), currentVersion, booted, now));
    }

    /** The ChangeDUState the report ends: failed with the first failing result's fault, else completed. */
    Optional<Operation> duStateChangeComplete(DUStateChangeComplete report, Instant now) {
        FaultStruct fault = report.results().stream().map(OpResultStruct::fault).filter(FaultStruct::isFault)
                .findFirst().orElse(FaultStruct.NONE);
        Instant start = report.results().stream().map(r -> ReportedTime.parse(r.startTime()))
                .filter(t -> t != null).min(Instant::compareTo).orElse(null);
        Instant complete = report.results().stream().map(r -> ReportedTime.parse(r.completeTime()))
                .filter(t -> t != null).max(Instant::compareTo).orElse(null);
        return oldest(op -> op.kind() == OperationKind.CHANGE_DU_STATE && op.commandKey().equals(report.commandKey()))
                .map(op -> op.afterTransferReport(fault, start, complete, "", false, now));
    }

    /** Every transfer in progress with this CommandKey, ended as cancelled. */
    List<Operation> cancelled(String commandKey, Instant now) {
        List<Operation> out = new ArrayList<>();
        for (Operation op : inProgress.values()) {
            if (op.kind() != OperationKind.REBOOT && op.kind() != OperationKind.FACTORY_RESET
                    && op.commandKey().equals(commandKey)) {
                out.add(op.cancelled(now));
            }
        }
        return out;
    }

    private Optional<Operation> oldest(Predicate<Operation> matching) {
        return inProgress.values().stream().filter(matching).findFirst();
    }
}
