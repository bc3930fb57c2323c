package io.lodestar.acs.core.session;

import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A task that is one RPC: the session sends {@link #request()}, and the answer completes the task when
 * {@link #resultOf} reads a result from it; any other answer (a fault included) is a failed attempt.
 *
 * @param <R> the result its answer carries
 */
non-sealed interface RpcTaskHandler<R extends TaskResult> extends TaskHandler {

    /** The request to send. */
    CwmpMessage.AcsRequest request();

    /** The result the answer carries, or empty when it is not the answer the request calls for. */
    Optional<R> resultOf(CwmpMessage answer);

    /** What the result teaches the session about the device's parameter tree. */
    void apply(R result, SessionEffects effects);

    /**
     * The operation the device's answer starts, which goes on after the session (a reboot) and which a later
     * Inform ends by its kind's rule; empty when the answer is the end of it.
     */
    Optional<Operation> operationStarted(Task task, R result, Instant now, Duration timeout);

    /**
     * Whether the tasks queued after this one wait for a later session once it is done, because whatever they
     * did now would be undone (by a factory reset).
     */
    default boolean holdsLaterTasks() {
        return false;
    }

    /** Whether the operation it starts is a transfer, given the transfer timeout rather than the operation timeout. */
    default boolean isTransfer() {
        return false;
    }

    /**
     * The next step of a declared chain that this step's result calls for (AddObject, then SetParameterValues on the
     * new instance), run as the same task right after it; empty when the result completes the task.
     */
    default Optional<RpcTaskHandler<?>> nextStep(R result) {
        return Optional.empty();
    }

    /**
     * Whether a failed attempt at this step fails the task for good whatever the fault: a later step of a chain,
     * whose earlier steps the device has done, so that sending the task again would repeat them.
     */
    default boolean failsForGood() {
        return false;
    }

    /** What the task's fault text says before the device's fault (what a failed chain step left behind). */
    default String faultContext() {
        return "";
    }
}
