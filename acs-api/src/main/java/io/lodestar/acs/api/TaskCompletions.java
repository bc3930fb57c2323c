package io.lodestar.acs.api;

import io.lodestar.acs.core.task.TaskId;

/**
 * What the API is told of tasks reaching a final status, so that {@code POST .../tasks?wait=} answers as soon as
 * the device did. The composition root adapts the CWMP sessions' listener to it (this module does not see them).
 */
public interface TaskCompletions {

    /** A task's final status is durably stored. Called on a session's thread: quick, never blocking. */
    void finished(TaskId id);
}
