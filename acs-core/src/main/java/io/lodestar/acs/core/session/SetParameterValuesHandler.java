package io.lodestar.acs.core.session;

import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.rpc.SetParameterValuesResponse;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * SetParameterValues: the result is the answer's status (1: applied after a reboot); the values written are
 * learned, since the device accepted them all (the RPC is atomic).
 */
record SetParameterValuesHandler(TaskAction.SetParameterValues action) implements RpcTaskHandler<TaskResult.Status> {

    @Override
    public CwmpMessage.AcsRequest request() {
        return new SetParameterValues(action.values(), action.parameterKey());
    }

    @Override
    public Optional<TaskResult.Status> resultOf(CwmpMessage answer) {
        return answer instanceof SetParameterValuesResponse r
                ? Optional.of(new TaskResult.Status(r.status(), 0)) : Optional.empty();
    }

    @Override
    public void apply(TaskResult.Status result, SessionEffects effects) {
        // a password is stored as the device reports it, empty (TR-069 A.3.2.1): never in clear in the tree
        action.values().forEach(v -> effects.learnValue(v.name().endsWith("Password")
                ? new ParameterValueStruct(v.name(), "", v.type()) : v));
    }

    @Override
    public Optional<Operation> operationStarted(Task task, TaskResult.Status result, Instant now, Duration timeout) {
        return Optional.empty();
    }
}
