package io.lodestar.acs.core.operation;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.task.TaskId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

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
 */
public record Operation(TaskId taskId, DeviceId deviceId, OperationKind kind, String commandKey,
                        OperationStatus status, Instant startedAt, Instant deadline, Instant endedAt) {

    public Operation {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(commandKey, "commandKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(deadline, "deadline");
    }

    public static Operation start(TaskId taskId, DeviceId deviceId, OperationKind kind, String commandKey,
                                  Instant now, Duration timeout) {
        return new Operation(taskId, deviceId, kind, commandKey, OperationStatus.IN_PROGRESS, now, now.plus(timeout),
                null);
    }

    public boolean isInProgress() {
        return status == OperationStatus.IN_PROGRESS;
    }

    /** Whether {@code inform} reports that this operation ended (the rule is its kind's). */
    public boolean isEndReportedBy(Inform inform) {
        return kind.isEndReportedBy(inform, commandKey);
    }

    public Operation completed(Instant now) {
        return new Operation(taskId, deviceId, kind, commandKey, OperationStatus.COMPLETED, startedAt, deadline, now);
    }

    public Operation timedOut(Instant now) {
        return new Operation(taskId, deviceId, kind, commandKey, OperationStatus.TIMED_OUT, startedAt, deadline, now);
    }
}
