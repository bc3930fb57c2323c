package io.lodestar.acs.core.session;

import io.lodestar.acs.core.rpc.AddObject;
import io.lodestar.acs.core.rpc.AddObjectResponse;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.DeleteObject;
import io.lodestar.acs.core.rpc.DeleteObjectResponse;
import io.lodestar.acs.core.rpc.FactoryReset;
import io.lodestar.acs.core.rpc.FactoryResetResponse;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.rpc.RebootResponse;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.rpc.SetParameterValuesResponse;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;

import java.util.Optional;

/** The one-RPC task actions: the request each sends, and the result read from the matching answer. */
final class TaskRpcs {

    private TaskRpcs() {}

    /** The request for a one-RPC action ({@link TaskAction.Refresh} is a walk, not one RPC). */
    static CwmpMessage.AcsRequest requestFor(TaskAction action) {
        if (action instanceof TaskAction.GetParameterValues a) {
            return new GetParameterValues(a.parameterNames());
        } else if (action instanceof TaskAction.SetParameterValues a) {
            return new SetParameterValues(a.values(), a.parameterKey());
        } else if (action instanceof TaskAction.GetParameterNames a) {
            return new GetParameterNames(a.path(), a.nextLevel());
        } else if (action instanceof TaskAction.AddObject a) {
            return new AddObject(a.objectName(), a.parameterKey());
        } else if (action instanceof TaskAction.DeleteObject a) {
            return new DeleteObject(a.objectName(), a.parameterKey());
        } else if (action instanceof TaskAction.Reboot a) {
            return new Reboot(a.commandKey());
        } else if (action instanceof TaskAction.FactoryReset) {
            return new FactoryReset();
        }
        throw new IllegalArgumentException(action.name() + " is not a one-RPC action");
    }

    /** The result carried by the answer, or empty when the answer is not the one the request calls for. */
    static Optional<TaskResult> resultOf(TaskAction action, CwmpMessage answer) {
        TaskResult result = null;
        if (action instanceof TaskAction.GetParameterValues && answer instanceof GetParameterValuesResponse r) {
            result = new TaskResult.Values(r.parameterList());
        } else if (action instanceof TaskAction.SetParameterValues && answer instanceof SetParameterValuesResponse r) {
            result = new TaskResult.Status(r.status(), 0);
        } else if (action instanceof TaskAction.GetParameterNames && answer instanceof GetParameterNamesResponse r) {
            result = new TaskResult.Names(r.parameterList());
        } else if (action instanceof TaskAction.AddObject && answer instanceof AddObjectResponse r) {
            result = new TaskResult.ObjectAdded(r.instanceNumber(), r.status());
        } else if (action instanceof TaskAction.DeleteObject && answer instanceof DeleteObjectResponse r) {
            result = new TaskResult.Status(r.status(), 0);
        } else if (action instanceof TaskAction.Reboot && answer instanceof RebootResponse) {
            result = new TaskResult.Status(0, 0);
        } else if (action instanceof TaskAction.FactoryReset && answer instanceof FactoryResetResponse) {
            result = new TaskResult.Status(0, 0);
        }
        return Optional.ofNullable(result);
    }
}
