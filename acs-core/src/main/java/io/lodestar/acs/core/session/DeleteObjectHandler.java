package io.lodestar.acs.core.session;

import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.DeleteObject;
import io.lodestar.acs.core.rpc.DeleteObjectResponse;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** DeleteObject: the result is the answer's status (1: applied after a reboot); the instance is forgotten. */
record DeleteObjectHandler(TaskAction.DeleteObject action) implements RpcTaskHandler<TaskResult.Status> {

    @Override
    public CwmpMessage.AcsRequest request() {
        return new DeleteObject(action.objectName(), action.parameterKey());
    }

    @Override
    public Optional<TaskResult.Status> resultOf(CwmpMessage answer) {
        return answer instanceof DeleteObjectResponse r
                ? Optional.of(new TaskResult.Status(r.status(), 0)) : Optional.empty();
    }

    @Override
    public void apply(TaskResult.Status result, SessionEffects effects) {
        effects.forget(action.objectName());
    }

    @Override
    public Optional<Operation> operationStarted(Task task, TaskResult.Status result, Instant now, Duration timeout) {
        return Optional.empty();
    }
}
