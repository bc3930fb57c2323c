package io.lodestar.acs.core.operation;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.task.TaskId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a device accepted in one session and reports the outcome of in a later one: the task's RPC was
 * answered (the task is done), but the reboot or reset it started is only over when the device says so.
 * Operators see here whether the device really came back.
 *
 * @param taskId     the task that started it (one operation per task: its identity)
 * @param deviceId   the device
 * @param kind       what it is, which says how its end is reported
 * @param commandKey the CommandKey the device echoes when it reports the end ("" when none)
 * @param status     where it is
 * @param startedAt  when the device accepted it
 * @param deadline   a session after this instant without the report ends it as {@link OperationStatus#TIMED_OUT}
 * @param endedAt    when it reached a final status, or null
 * @param transfer   what a transfer adds (expected version, the device's times, its fault); {@link TransferDetails#NONE}
 *                   for other kinds
 */
public record Operation(TaskId taskId, DeviceId deviceId, OperationKind kind, String commandKey,
                        OperationStatus status, Instant startedAt, Instant deadline, Instant endedAt,
                        TransferDetails transfer) {

    /** An operation without transfer details (a reboot, a reset). */
    public Operation(TaskId taskId, DeviceId deviceId, OperationKind kind, String commandKey,
                     OperationStatus status, Instant startedAt, Instant deadline, Instant endedAt) {
        this(taskId, deviceId, kind, commandKey, status, startedAt, deadline, endedAt, TransferDetails.NONE);
    }

    public Operation {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(commandKey, "commandKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(deadline, "deadline");
        transfer = Objects.requireNonNullElse(transfer, TransferDetails.NONE);
    }

    public static Operation start(TaskId taskId, DeviceId deviceId, OperationKind kind, String commandKey,
                                  Instant now, Duration timeout) {
        return new Operation(taskId, deviceId, kind, commandKey, OperationStatus.IN_PROGRESS, now, now.plus(timeout),
                null);
    }

    /**
     * What a device reported of a transfer it started (AutonomousTransferComplete) or requested (RequestDownload),
     * stored as an operation already ended. No task started it: {@code id} is a fresh id, in the tasks' id space so
     * operations keep their order.
     */
    public static Operation deviceInitiated(TaskId id, DeviceId deviceId, OperationKind kind, DeviceInitiated what,
                                            Instant start, Instant complete, FaultStruct fault, Instant now) {
        boolean failed = fault != null && fault.isFault();
        return new Operation(id, deviceId, kind, "", failed ? OperationStatus.FAILED : OperationStatus.COMPLETED,
                start != null ? start : now, now, now, new TransferDetails("", start, complete, fault, what));
    }

    public boolean isInProgress() {
        return status == OperationStatus.IN_PROGRESS;
    }

    /** Whether {@code inform} reports that this operation ended (the rule is its kind's). */
    public boolean isEndReportedBy(Inform inform) {
        return kind.isEndReportedBy(inform, commandKey);
    }

    /** A transfer the device accepted: its end comes with TransferComplete (or DUStateChangeComplete). */
    public static Operation startTransfer(TaskId taskId, DeviceId deviceId, OperationKind kind, String commandKey,
                                          String expectedSoftwareVersion, Instant now, Instant deadline) {
        return new Operation(taskId, deviceId, kind, commandKey, OperationStatus.IN_PROGRESS, now, deadline, null,
                TransferDetails.expecting(expectedSoftwareVersion));
    }

    public Operation completed(Instant now) {
        return new Operation(taskId, deviceId, kind, commandKey, OperationStatus.COMPLETED, startedAt, deadline, now,
                transfer);
    }

    public Operation timedOut(Instant now) {
        return new Operation(taskId, deviceId, kind, commandKey, OperationStatus.TIMED_OUT, startedAt, deadline, now,
                transfer);
    }

    /** Ended by the device's fault (a failed transfer), or by the ACS's own finding (the wrong version). */
    public Operation failed(FaultStruct fault, Instant now) {
        return new Operation(taskId, deviceId, kind, commandKey, OperationStatus.FAILED, startedAt, deadline, now,
                new TransferDetails(transfer.expectedSoftwareVersion(), transfer.transferStartedAt(),
                        transfer.transferCompletedAt(), fault));
    }

    /** The same operation with the transfer times and fault the device reported; status unchanged. */
    public Operation withTransferReport(Instant start, Instant complete, FaultStruct fault) {
        return new Operation(taskId, deviceId, kind, commandKey, status, startedAt, deadline, endedAt,
                transfer.reported(start, complete, fault));
    }

    /** The fault code an operation fails with when the device came back with another software version. */
    public static final int WRONG_VERSION_FAULT = 9010;

    /**
     * This transfer after the device's TransferComplete (or DUStateChangeComplete): failed with the device's fault;
     * otherwise completed, unless a firmware version is awaited that {@code currentVersion} is not, in which case it
     * stays in progress, marked transferred, until an Inform decides ({@link #afterInform}) - unless the report
     * comes in a session opened by a boot: the device runs its new image already, and another version fails it.
     *
     * @param start          the device's StartTime, or null
     * @param complete       the device's CompleteTime, or null (taken as now)
     * @param currentVersion the software version the device reports now
     * @param booted         whether the session's Inform reported {@code 1 BOOT}
     */
    public Operation afterTransferReport(FaultStruct fault, Instant start, Instant complete, String currentVersion,
                                         boolean booted, Instant now) {
        FaultStruct f = fault == null ? FaultStruct.NONE : fault;
        Operation reported = withTransferReport(start, complete == null ? now : complete, f);
        if (f.isFault()) {
            return reported.failed(f, now);
        }
        if (!transfer.awaitsVersion() || transfer.expectedSoftwareVersion().equals(currentVersion)) {
            return reported.completed(now);
        }
        return booted ? reported.wrongVersion(currentVersion, now) : reported;
    }

    /**
     * What an Inform decides about a transferred firmware awaiting its version: completed when it reports the
     * version; failed when the device booted ({@code 1 BOOT}) with another one; empty (undecided) otherwise, and for
     * operations not in that state.
     */
    public Optional<Operation> afterInform(String reportedVersion, boolean booted, Instant now) {
        if (!isInProgress() || !transfer.awaitsVersion() || !transfer.transferred()) {
            return Optional.empty();
        }
        if (transfer.expectedSoftwareVersion().equals(reportedVersion)) {
            return Optional.of(completed(now));
        }
        return booted ? Optional.of(wrongVersion(reportedVersion, now)) : Optional.empty();
    }

    private Operation wrongVersion(String reportedVersion, Instant now) {
        return failed(new FaultStruct(WRONG_VERSION_FAULT, "the device booted with software version "
                + reportedVersion + ", not the expected " + transfer.expectedSoftwareVersion()), now);
    }

    /** Ended by the operator's CancelTransfer, which the device accepted. */
    public Operation cancelled(Instant now) {
        return new Operation(taskId, deviceId, kind, commandKey, OperationStatus.CANCELLED, startedAt, deadline, now,
                transfer);
    }
}
