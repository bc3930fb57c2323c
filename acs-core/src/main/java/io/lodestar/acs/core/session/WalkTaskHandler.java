package io.lodestar.acs.core.session;

import io.lodestar.acs.core.task.TaskResult;

/**
 * A task that is a walk of a data-model subtree, as many RPCs as the subtree needs: the session runs the walk
 * as it runs discovery, and the task is done when the walk ends (failed when the subtree's root faults).
 */
non-sealed interface WalkTaskHandler extends TaskHandler {

    /** The subtree to walk; {@code dataModelRoot} is the device's root ({@code Device.}), or null if unknown. */
    String path(String dataModelRoot);

    /** The result of the walk, which found {@code parametersFound} parameters. */
    TaskResult result(int parametersFound);
}
