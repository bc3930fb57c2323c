package io.lodestar.acs.core.session;

import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.rpc.RebootResponse;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reboot: the task is done when the device answers; the reboot itself is a {@link OperationKind#REBOOT}
 * operation, ended by a later Inform's {@code M Reboot} with the task's CommandKey.
 */
record RebootHandler(TaskAction.Reboot action) implements RpcTaskHandler<TaskResult.Status> {

    @Override
    public CwmpMessage.AcsRequest request() {
        return new Reboot(action.commandKey());
    }

    @Override
    public Optional<TaskResult.Status> resultOf(CwmpMessage answer) {
        return answer instanceof RebootResponse ? Optional.of(new TaskResult.Status(0, 0)) : Optional.empty();
    }

    @Override
    public void apply(TaskResult.Status result, SessionEffects effects) {
        // the tree is the same until the device is back, and then it tells
    }

    @Override
    public Optional<Operation> operationStarted(Task task, TaskResult.Status result, Instant now, Duration timeout) {
        return Optional.of(Operation.start(task.id(), task.deviceId(), OperationKind.REBOOT, action.commandKey(), now,
                timeout));
    }
}
