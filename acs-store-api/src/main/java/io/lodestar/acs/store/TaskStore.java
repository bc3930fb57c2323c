package io.lodestar.acs.store;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tasks queued for devices. A device's tasks are kept in queue order (task id order). Every method may
 * throw {@link StoreUnavailableException}.
 */
public interface TaskStore {

    /** Queues a task. When this returns, the task is durable: it survives a crash or a restart. */
    Task addTask(Task task);

    /** A task by id, whatever its status; empty when unknown. */
    Optional<Task> findTask(TaskId id);

    /** All of a device's tasks, whatever their status, in queue order. */
    List<Task> tasks(DeviceId deviceId);

    /** The device's {@link io.lodestar.acs.core.task.TaskStatus#PENDING} tasks, in queue order. */
    List<Task> pendingTasks(DeviceId deviceId);

    /** Cancels a pending task; returns it as stored afterwards, or empty when unknown. Final tasks stay as they are. */
    Optional<Task> cancelTask(TaskId id, Instant now);
}
