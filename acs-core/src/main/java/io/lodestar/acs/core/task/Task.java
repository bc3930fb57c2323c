package io.lodestar.acs.core.task;

import io.lodestar.acs.core.device.DeviceId;

import java.time.Instant;
import java.util.Objects;

/**
 * One unit of operator work queued for a device, with everything needed to run it, retry it and report it.
 *
 * @param id            time-ordered identity; a device's queue runs in id order
 * @param deviceId      the device it is for
 * @param action        what to do
 * @param status        where it is in its life
 * @param createdAt     when it was queued
 * @param expiresAt     after this instant it is no longer attempted
 * @param attempts      how many times it was sent and failed
 * @param notBefore     it is not sent before this instant (the back-off after a failure)
 * @param lastFault     the last failure, or null
 * @param result        the device's answer once {@link TaskStatus#DONE}, or null
 * @param completedAt   when it reached a final status, or null
 * @param after         the task this one waits for (it runs only once that one is done, and fails when that one
 *                      fails), or null: a task without one never waits for a failing task queued before it
 */
public record Task(TaskId id, DeviceId deviceId, TaskAction action, TaskStatus status, Instant createdAt,
                   Instant expiresAt, int attempts, Instant notBefore, TaskFault lastFault, TaskResult result,
                   Instant completedAt, TaskId after) {

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(notBefore, "notBefore");
        if (id.equals(after)) {
            throw new IllegalArgumentException("a task cannot wait for itself: " + id);
        }
    }

    /** A task that waits for no other. */
    public Task(TaskId id, DeviceId deviceId, TaskAction action, TaskStatus status, Instant createdAt,
                Instant expiresAt, int attempts, Instant notBefore, TaskFault lastFault, TaskResult result,
                Instant completedAt) {
        this(id, deviceId, action, status, createdAt, expiresAt, attempts, notBefore, lastFault, result, completedAt,
                null);
    }

    /** This task with {@code newResult} (what a failed attempt taught: a SetParameterValues' per-parameter faults). */
    public Task withResult(TaskResult newResult) {
        return new Task(id, deviceId, action, status, createdAt, expiresAt, attempts, notBefore, lastFault, newResult,
                completedAt, after);
    }

    /** This task, waiting for {@code prerequisite} (null: for none). */
    public Task after(TaskId prerequisite) {
        return new Task(id, deviceId, action, status, createdAt, expiresAt, attempts, notBefore, lastFault, result,
                completedAt, prerequisite);
    }

    public static Task queue(DeviceId deviceId, TaskAction action, Instant now, java.time.Duration timeToLive) {
        return new Task(TaskId.create(now), deviceId, action, TaskStatus.PENDING, now, now.plus(timeToLive), 0, now,
                null, null, null);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public Task done(TaskResult taskResult, Instant now) {
        return new Task(id, deviceId, action, TaskStatus.DONE, createdAt, expiresAt, attempts, notBefore, lastFault,
                taskResult, now, after);
    }

    public Task expired(Instant now) {
        return new Task(id, deviceId, action, TaskStatus.EXPIRED, createdAt, expiresAt, attempts, notBefore,
                lastFault, null, now, after);
    }

    public Task cancelled(Instant now) {
        return new Task(id, deviceId, action, TaskStatus.CANCELLED, createdAt, expiresAt, attempts, notBefore,
                lastFault, null, now, after);
    }

    /**
     * This task after a failed attempt: pending again after a back-off, or failed for good when the retry budget
     * is spent or the fault is one retrying cannot cure ({@link IncurableFaults}).
     */
    public Task failedAttempt(TaskFault fault, RetryPolicy policy, Instant now) {
        int tries = attempts + 1;
        if (tries >= policy.maxAttempts() || IncurableFaults.contains(fault.code())) {
            return failed(fault, tries, now);
        }
        return new Task(id, deviceId, action, TaskStatus.PENDING, createdAt, expiresAt, tries,
                now.plus(policy.backoffAfter(tries)), fault, null, null, after);
    }

    /**
     * This task after a failed attempt that no retry may follow, whatever the fault: a step of a chain whose earlier
     * steps the device has done (sending the task again would repeat them).
     */
    public Task failedForGood(TaskFault fault, Instant now) {
        return failed(fault, attempts + 1, now);
    }

    /** This task failed for good without being sent, because the task it waits for did not succeed. */
    public Task prerequisiteFailed(Task prerequisite, Instant now) {
        return failed(new TaskFault(TaskFault.PREREQUISITE_FAILED, "the task it waits for, " + prerequisite.id()
                + " (" + prerequisite.action().name() + "), ended " + prerequisite.status(), now), attempts, now);
    }

    private Task failed(TaskFault fault, int tries, Instant now) {
        return new Task(id, deviceId, action, TaskStatus.FAILED, createdAt, expiresAt, tries, notBefore, fault,
                null, now, after);
    }
}
