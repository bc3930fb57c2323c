package io.lodestar.acs.core.session;

import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** GetParameterValues: the values read are the result, and are learned. */
record GetParameterValuesHandler(TaskAction.GetParameterValues action) implements RpcTaskHandler<TaskResult.Values> {

    @Override
    public CwmpMessage.AcsRequest request() {
        return new GetParameterValues(action.parameterNames());
    }

    @Override
    public Optional<TaskResult.Values> resultOf(CwmpMessage answer) {
        return answer instanceof GetParameterValuesResponse r
                ? Optional.of(new TaskResult.Values(r.parameterList())) : Optional.empty();
    }

    @Override
    public void apply(TaskResult.Values result, SessionEffects effects) {
        result.values().forEach(effects::learnValue);
    }

    @Override
    public Optional<Operation> operationStarted(Task task, TaskResult.Values result, Instant now, Duration timeout) {
        return Optional.empty();
    }
}
