package io.lodestar.acs.core.session;

import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.FactoryReset;
import io.lodestar.acs.core.rpc.FactoryResetResponse;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * FactoryReset: the task is done when the device answers; the reset itself is a
 * {@link OperationKind#FACTORY_RESET} operation, ended by a later Inform's {@code 0 BOOTSTRAP}. The tasks after
 * it wait for the device's new life, since the reset would wipe what they did now.
 */
record FactoryResetHandler(TaskAction.FactoryReset action) implements RpcTaskHandler<TaskResult.Status> {

    @Override
    public CwmpMessage.AcsRequest request() {
        return new FactoryReset();
    }

    @Override
    public Optional<TaskResult.Status> resultOf(CwmpMessage answer) {
        return answer instanceof FactoryResetResponse ? Optional.of(new TaskResult.Status(0, 0)) : Optional.empty();
    }

    @Override
    public void apply(TaskResult.Status result, SessionEffects effects) {
        // the bootstrap Inform of the device's new life clears what was learned
    }

    @Override
    public Optional<Operation> operationStarted(Task task, TaskResult.Status result, Instant now, Duration timeout) {
        return Optional.of(Operation.start(task.id(), task.deviceId(), OperationKind.FACTORY_RESET, "", now, timeout));
    }

    @Override
    public boolean holdsLaterTasks() {
        return true;
    }
}
