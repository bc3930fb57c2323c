package io.lodestar.acs.core.session;

import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.GetRPCMethods;
import io.lodestar.acs.core.rpc.GetRPCMethodsResponse;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** GetRPCMethods: the result is the list of methods the device says it supports; the tree is untouched. */
record GetRPCMethodsHandler(TaskAction.GetRPCMethods action) implements RpcTaskHandler<TaskResult.Methods> {

    @Override
    public CwmpMessage.AcsRequest request() {
        return new GetRPCMethods();
    }

    @Override
    public Optional<TaskResult.Methods> resultOf(CwmpMessage answer) {
        return answer instanceof GetRPCMethodsResponse r
                ? Optional.of(new TaskResult.Methods(r.methodList())) : Optional.empty();
    }

    @Override
    public void apply(TaskResult.Methods result, SessionEffects effects) {
        // what a device can do is not part of its parameter tree
    }

    @Override
    public Optional<Operation> operationStarted(Task task, TaskResult.Methods result, Instant now, Duration timeout) {
        return Optional.empty();
    }
}
