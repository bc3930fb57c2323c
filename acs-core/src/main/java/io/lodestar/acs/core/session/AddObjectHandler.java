package io.lodestar.acs.core.session;

import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.rpc.AddObject;
import io.lodestar.acs.core.rpc.AddObjectResponse;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * AddObject: the result is the new instance's number (status 1: it applies after a reboot). The instance is
 * learned, then walked before anything else, so that the tasks after this one (often: set the new instance's
 * parameters) find it known. An AddObject with values goes on with {@link AddObjectValuesHandler} as the same task.
 */
record AddObjectHandler(TaskAction.AddObject action) implements RpcTaskHandler<TaskResult.ObjectAdded> {

    @Override
    public CwmpMessage.AcsRequest request() {
        return new AddObject(action.objectName(), action.parameterKey());
    }

    @Override
    public Optional<TaskResult.ObjectAdded> resultOf(CwmpMessage answer) {
        return answer instanceof AddObjectResponse r
                ? Optional.of(new TaskResult.ObjectAdded(r.instanceNumber(), r.status())) : Optional.empty();
    }

    @Override
    public void apply(TaskResult.ObjectAdded result, SessionEffects effects) {
        String instance = action.objectName() + result.instanceNumber() + ".";
        effects.learnName(new ParameterInfoStruct(instance, true));
        effects.walkFirst(instance);
    }

    @Override
    public Optional<RpcTaskHandler<?>> nextStep(TaskResult.ObjectAdded result) {
        return action.values().isEmpty() ? Optional.empty()
                : Optional.of(new AddObjectValuesHandler(action, result));
    }

    @Override
    public Optional<Operation> operationStarted(Task task, TaskResult.ObjectAdded result, Instant now,
                                                Duration timeout) {
        return Optional.empty();
    }
}
