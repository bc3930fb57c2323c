package io.lodestar.acs.core.session;

import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.ScheduleInform;
import io.lodestar.acs.core.rpc.ScheduleInformResponse;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * ScheduleInform: the task is done when the device answers; the Inform it promises is a
 * {@link OperationKind#SCHEDULED_INFORM} operation, completed by a later Inform's {@code M ScheduleInform} with the
 * CommandKey, or timed out once the delay and the operation timeout have passed (TR-069 lets a device drop a
 * scheduled Inform when it reboots).
 */
record ScheduleInformHandler(TaskAction.ScheduleInform action) implements RpcTaskHandler<TaskResult.Status> {

    @Override
    public CwmpMessage.AcsRequest request() {
        return new ScheduleInform(action.delaySeconds(), action.commandKey());
    }

    @Override
    public Optional<TaskResult.Status> resultOf(CwmpMessage answer) {
        return answer instanceof ScheduleInformResponse ? Optional.of(new TaskResult.Status(0, 0)) : Optional.empty();
    }

    @Override
    public void apply(TaskResult.Status result, SessionEffects effects) {
        // nothing in the tree changes
    }

    @Override
    public Optional<Operation> operationStarted(Task task, TaskResult.Status result, Instant now, Duration timeout) {
        return Optional.of(Operation.start(task.id(), task.deviceId(), OperationKind.SCHEDULED_INFORM,
                action.commandKey(), now, timeout.plusSeconds(action.delaySeconds())));
    }
}
