package io.lodestar.acs.core.session;

import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.SetParameterAttributes;
import io.lodestar.acs.core.rpc.SetParameterAttributesResponse;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** SetParameterAttributes: done when the device answers with the (empty) response; status is always 0. */
record SetParameterAttributesHandler(TaskAction.SetParameterAttributes action)
        implements RpcTaskHandler<TaskResult.Status> {

    @Override
    public CwmpMessage.AcsRequest request() {
        return new SetParameterAttributes(action.attributes());
    }

    @Override
    public Optional<TaskResult.Status> resultOf(CwmpMessage answer) {
        return answer instanceof SetParameterAttributesResponse
                ? Optional.of(new TaskResult.Status(0, action.attributes().size())) : Optional.empty();
    }

    @Override
    public void apply(TaskResult.Status result, SessionEffects effects) {
        // attributes are not kept in the tree (see GetParameterAttributesHandler)
    }

    @Override
    public Optional<Operation> operationStarted(Task task, TaskResult.Status result, Instant now, Duration timeout) {
        return Optional.empty();
    }
}
