package io.lodestar.acs.service;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.datamodel.StandardModels;
import io.lodestar.acs.store.DeviceStore;
import io.lodestar.acs.store.TaskStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Operators' work on tasks: queue one after checking it against the device's stored data model
 * ({@link TaskRules}), list a device's tasks, read one, cancel a pending one, retry a failed one. Every change
 * is announced as a {@link DomainEvent} once stored.
 */
public final class TaskService {

    private final DeviceStore devices;
    private final TaskStore tasks;
    private final DomainEvents events;
    private final Clock clock;
    private final Supplier<StandardModels> models;

    /** A service checking values against the shipped standard models ({@link StandardModels#shipped()}). */
    public TaskService(DeviceStore devices, TaskStore tasks, DomainEvents events, Clock clock) {
        this(devices, tasks, events, clock, StandardModels::shipped);
    }

    /**
     * @param models the standard models values are checked against, asked for at each task that needs them (the
     *               shipped ones are indexed once, at the first ask)
     */
    public TaskService(DeviceStore devices, TaskStore tasks, DomainEvents events, Clock clock,
                       Supplier<StandardModels> models) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.models = Objects.requireNonNull(models, "models");
    }

    /**
     * Queues a task for a device, to run at its next session. The types of a SetParameterValues are taken as
     * given (see {@link #queueSetValues} to take them from the stored parameters).
     *
     * @return the task as stored
     * @throws ServiceException DEVICE_NOT_FOUND, or the code of the first rule of {@link TaskRules} the action
     *                          breaks
     */
    public Task queue(DeviceId deviceId, TaskAction action, QueueOptions options) {
        Objects.requireNonNull(action, "action");
        Instant now = clock.instant();
        Instant expiresAt = options.expiryFrom(now);
        StoredTree tree = null;
        if (TaskRules.needsTree(action)) {
            tree = tree(deviceId);
        } else {
            requireDevice(deviceId);
        }
        TaskAction checked = TaskRules.check(action, tree);
        TaskId after = prerequisite(deviceId, options.after());
        return store(Task.queue(deviceId, checked, now, Duration.between(now, expiresAt)).after(after), now);
    }

    /**
     * Queues a SetParameterValues of the values given; a value without a type takes its stored parameter's.
     *
     * @return the task as stored
     * @throws ServiceException DEVICE_NOT_FOUND, PATH_NOT_FOUND, NOT_WRITABLE, BAD_VALUE, TYPE_MISMATCH, ...
     */
    public Task queueSetValues(DeviceId deviceId, List<NewValue> values, String parameterKey, QueueOptions options) {
        Instant now = clock.instant();
        Instant expiresAt = options.expiryFrom(now);
        TaskAction.SetParameterValues action = TaskRules.setValues(List.copyOf(values),
                parameterKey == null ? "" : parameterKey, tree(deviceId));
        TaskId after = prerequisite(deviceId, options.after());
        return store(Task.queue(deviceId, action, now, Duration.between(now, expiresAt)).after(after), now);
    }

    /**
     * Queues an AddObject on {@code objectName} followed, as one task, by a SetParameterValues of {@code values} on
     * the new instance (their paths relative to it, e.g. {@code Enable}); a value without a type takes the type of
     * the same parameter in the table's stored instances, else the standard model's.
     *
     * @return the task as stored
     * @throws ServiceException DEVICE_NOT_FOUND, PATH_NOT_FOUND, BAD_PATH, NOT_WRITABLE, BAD_VALUE, BAD_TYPE, ...
     */
    public Task queueAddObject(DeviceId deviceId, String objectName, List<NewValue> values, String parameterKey,
                               QueueOptions options) {
        Instant now = clock.instant();
        Instant expiresAt = options.expiryFrom(now);
        StoredTree tree = tree(deviceId);
        TaskAction.AddObject bare;
        try {
            bare = new TaskAction.AddObject(objectName, parameterKey);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ServiceException(ErrorCode.BAD_PATH, "addObject: " + e.getMessage());
        }
        TaskAction checked = TaskRules.check(bare, tree); // the table itself
        if (!values.isEmpty()) {
            checked = TaskRules.addObject(bare.objectName(), List.copyOf(values), bare.parameterKey(), tree);
        }
        TaskId after = prerequisite(deviceId, options.after());
        return store(Task.queue(deviceId, checked, now, Duration.between(now, expiresAt)).after(after), now);
    }

    /**
     * The task a new task of {@code deviceId} may wait for: one of the same device, pending or done (one that
     * failed, expired or was cancelled would make the new task fail at once).
     */
    private TaskId prerequisite(DeviceId deviceId, TaskId after) {
        if (after == null) {
            return null;
        }
        Task prerequisite = tasks.findTask(after).filter(t -> t.deviceId().equals(deviceId))
                .orElseThrow(() -> new ServiceException(ErrorCode.BAD_ARGUMENT, "after: device " + deviceId
                        + " has no task " + after + " to wait for"));
        if (prerequisite.status() != TaskStatus.PENDING && prerequisite.status() != TaskStatus.DONE) {
            throw new ServiceException(ErrorCode.BAD_ARGUMENT, "after: task " + after + " is "
                    + prerequisite.status() + ", so a task waiting for it could never run");
        }
        return after;
    }

    /**
     * The device's tasks, whatever their status, in queue order.
     *
     * @throws ServiceException DEVICE_NOT_FOUND
     */
    public List<Task> tasks(DeviceId deviceId) {
        requireDevice(deviceId);
        return tasks.tasks(deviceId);
    }

    /**
     * A task by its id.
     *
     * @throws ServiceException TASK_NOT_FOUND
     */
    public Task task(TaskId id) {
        return tasks.findTask(id).orElseThrow(() -> taskNotFound(id));
    }

    /**
     * A task of one device by its id.
     *
     * @throws ServiceException TASK_NOT_FOUND also when the task belongs to another device
     */
    public Task task(DeviceId deviceId, TaskId id) {
        Task task = task(id);
        if (!task.deviceId().equals(deviceId)) {
            throw new ServiceException(ErrorCode.TASK_NOT_FOUND, "device " + deviceId + " has no task " + id);
        }
        return task;
    }

    /**
     * Withdraws a pending task: it will not be sent.
     *
     * @return the task as stored afterwards
     * @throws ServiceException TASK_NOT_FOUND, or TASK_NOT_CANCELLABLE when it is no longer pending
     */
    public Task cancel(TaskId id) {
        // the store's cancel leaves a final task as it is, so a task already final is refused before it
        requirePending(task(id));
        Instant now = clock.instant();
        Task after = tasks.cancelTask(id, now).orElseThrow(() -> taskNotFound(id));
        if (after.status() != TaskStatus.CANCELLED) {
            requirePending(after); // a session finished it in between
        }
        events.publish(new DomainEvent.TaskCancelled(after, now));
        cancelWaitingFor(after, now);
        return after;
    }

    /**
     * Cancels the pending tasks that wait for {@code withdrawn}, and those that wait for them: they could never
     * run, and a session would otherwise take their prerequisite's absence from the queue for its success.
     */
    private void cancelWaitingFor(Task withdrawn, Instant now) {
        for (Task t : tasks.tasks(withdrawn.deviceId())) {
            if (t.status() == TaskStatus.PENDING && withdrawn.id().equals(t.after())) {
                tasks.cancelTask(t.id(), now).filter(c -> c.status() == TaskStatus.CANCELLED).ifPresent(c -> {
                    events.publish(new DomainEvent.TaskCancelled(c, now));
                    cancelWaitingFor(c, now);
                });
            }
        }
    }

    /**
     * Makes a failed task pending again, as if newly queued but in its old place in the device's queue: its
     * attempts start again from none, it may be sent at once, and it has its original time to live again from
     * now. Its last fault stays, to tell why it had failed.
     *
     * @return the task as stored afterwards
     * @throws ServiceException TASK_NOT_FOUND, or TASK_NOT_RETRYABLE when it has not failed
     */
    public Task retry(TaskId id) {
        Task failed = task(id);
        if (failed.status() != TaskStatus.FAILED) {
            throw new ServiceException(ErrorCode.TASK_NOT_RETRYABLE, "task " + id + " is " + failed.status()
                    + ": only a failed task can be retried");
        }
        requireDevice(failed.deviceId());
        Instant now = clock.instant();
        Duration timeToLive = Duration.between(failed.createdAt(), failed.expiresAt());
        Task pending = new Task(failed.id(), failed.deviceId(), failed.action(), TaskStatus.PENDING,
                failed.createdAt(), now.plus(timeToLive), 0, now, failed.lastFault(), null, null, failed.after());
        // no store call retries a task: writing it again under its id replaces it. Sessions leave final tasks
        // alone, so nothing but another retry or the device's deletion races with this write
        Task stored = tasks.addTask(pending);
        events.publish(new DomainEvent.TaskRetried(stored, now));
        return stored;
    }

    private Task store(Task task, Instant now) {
        Task stored = tasks.addTask(task);
        events.publish(new DomainEvent.TaskQueued(stored, now));
        return stored;
    }

    private StoredTree tree(DeviceId deviceId) {
        Optional<DeviceSnapshot> snapshot = devices.loadSnapshot(deviceId);
        return StoredTree.of(snapshot.orElseThrow(() -> DeviceService.deviceNotFound(deviceId)), models.get());
    }

    private void requireDevice(DeviceId deviceId) {
        devices.findDevice(deviceId).orElseThrow(() -> DeviceService.deviceNotFound(deviceId));
    }

    private static void requirePending(Task task) {
        if (task.status() != TaskStatus.PENDING) {
            throw new ServiceException(ErrorCode.TASK_NOT_CANCELLABLE, "task " + task.id() + " is " + task.status()
                    + ": only a pending task can be cancelled");
        }
    }

    private static ServiceException taskNotFound(TaskId id) {
        return new ServiceException(ErrorCode.TASK_NOT_FOUND, "no task " + id);
    }
}
