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
import java.util.List;
import java.util.Optional;

/**
 * The second step of an AddObject with values: SetParameterValues on the instance the device just created
 * ({@code <object><InstanceNumber>.<name>}), under the AddObject's ParameterKey. Its answer completes the task with
 * the instance number (status 1 when either step applies only after a reboot). It fails the task for good on any
 * fault: the instance exists now, and sending the task again would add another one.
 */
record AddObjectValuesHandler(TaskAction.AddObject action, TaskResult.ObjectAdded added)
        implements RpcTaskHandler<TaskResult.ObjectAdded> {

    List<ParameterValueStruct> values() {
        return action.valuesOf(added.instanceNumber());
    }

    @Override
    public CwmpMessage.AcsRequest request() {
        return new SetParameterValues(values(), action.parameterKey());
    }

    @Override
    public Optional<TaskResult.ObjectAdded> resultOf(CwmpMessage answer) {
        return answer instanceof SetParameterValuesResponse r
                ? Optional.of(new TaskResult.ObjectAdded(added.instanceNumber(), Math.max(added.status(), r.status())))
                : Optional.empty();
    }

    @Override
    public void apply(TaskResult.ObjectAdded result, SessionEffects effects) {
        // as SetParameterValuesHandler: a password is stored as the device reports it, empty
        values().forEach(v -> effects.learnValue(v.name().endsWith("Password")
                ? new ParameterValueStruct(v.name(), "", v.type()) : v));
    }

    @Override
    public Optional<Operation> operationStarted(Task task, TaskResult.ObjectAdded result, Instant now,
                                                Duration timeout) {
        return Optional.empty();
    }

    @Override
    public boolean failsForGood() {
        return true;
    }

    @Override
    public String faultContext() {
        return "the AddObject created " + action.objectName() + added.instanceNumber() + ". but setting its values"
                + " failed: ";
    }
}
