package io.lodestar.acs.core.session;

import io.lodestar.acs.core.task.TaskAction;

/**
 * Everything a task does in a session that depends on its action, in one place per action: the request, the
 * reading of its answer, what the answer teaches about the parameter tree, the operation it starts.
 * {@link TaskHandlers#of} gives every action its handler through {@link TaskAction.Visitor}, so an action
 * without one does not compile. The session keeps what is the same for every task (queue order, blocking,
 * back-off, faults, walks).
 *
 * <p>A task runs either as one RPC whose answer completes it ({@link RpcTaskHandler}), or as a walk of a
 * data-model subtree ({@link WalkTaskHandler}): the two are different enough that one interface for both
 * would make half of its methods meaningless for the other.
 */
sealed interface TaskHandler permits RpcTaskHandler, WalkTaskHandler {

    /** The action handled. */
    TaskAction action();
}
