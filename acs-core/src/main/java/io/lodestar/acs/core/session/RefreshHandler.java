package io.lodestar.acs.core.session;

import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;

/**
 * Refresh: a walk of the subtree, which replaces what was known of it; an empty path walks the whole data
 * model from the device's root. The result counts the parameters found.
 */
record RefreshHandler(TaskAction.Refresh action) implements WalkTaskHandler {

    @Override
    public String path(String dataModelRoot) {
        return action.path().isEmpty() && dataModelRoot != null ? dataModelRoot : action.path();
    }

    @Override
    public TaskResult result(int parametersFound) {
        return new TaskResult.Status(0, parametersFound);
    }
}
