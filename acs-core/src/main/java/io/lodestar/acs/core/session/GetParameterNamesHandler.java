package io.lodestar.acs.core.session;

import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** GetParameterNames: the names read (with their writability) are the result, and are learned. */
record GetParameterNamesHandler(TaskAction.GetParameterNames action) implements RpcTaskHandler<TaskResult.Names> {

    @Override
    public CwmpMessage.AcsRequest request() {
        return new GetParameterNames(action.path(), action.nextLevel());
    }

    @Override
    public Optional<TaskResult.Names> resultOf(CwmpMessage answer) {
        return answer instanceof GetParameterNamesResponse r
                ? Optional.of(new TaskResult.Names(r.parameterList())) : Optional.empty();
    }

    @Override
    public void apply(TaskResult.Names result, SessionEffects effects) {
        result.names().forEach(effects::learnName);
    }

    @Override
    public Optional<Operation> operationStarted(Task task, TaskResult.Names result, Instant now, Duration timeout) {
        return Optional.empty();
    }
}
