package io.lodestar.acs.core.session;

import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.GetParameterAttributes;
import io.lodestar.acs.core.rpc.GetParameterAttributesResponse;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * GetParameterAttributes: the attributes read are the task's stored result. They are not kept in the parameter
 * tree: a device's attributes are only as current as the last read, and a bootstrap (which resets them on the
 * device) then leaves no stale copy behind.
 */
record GetParameterAttributesHandler(TaskAction.GetParameterAttributes action)
        implements RpcTaskHandler<TaskResult.Attributes> {

    @Override
    public CwmpMessage.AcsRequest request() {
        return new GetParameterAttributes(action.parameterNames());
    }

    @Override
    public Optional<TaskResult.Attributes> resultOf(CwmpMessage answer) {
        return answer instanceof GetParameterAttributesResponse r
                ? Optional.of(new TaskResult.Attributes(r.parameterList())) : Optional.empty();
    }

    @Override
    public void apply(TaskResult.Attributes result, SessionEffects effects) {
        // the result is the task's; see the class comment
    }

    @Override
    public Optional<Operation> operationStarted(Task task, TaskResult.Attributes result, Instant now,
                                                Duration timeout) {
        return Optional.empty();
    }
}
