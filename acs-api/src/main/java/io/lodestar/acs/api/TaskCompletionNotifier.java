package io.lodestar.acs.api;

import io.lodestar.acs.core.task.TaskId;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@link TaskCompletions} that requests can wait on. Only tasks someone waits for are remembered, at most
 * {@link #MAX_WAITERS} of them, so it stays bounded whatever the fleet does; a waiter beyond the bound (or on a
 * task finished by another ACS node) is not told and falls back to reading the task again after its wait.
 */
public final class TaskCompletionNotifier implements TaskCompletions {

    public static final int MAX_WAITERS = 10_000;

    private final ConcurrentHashMap<TaskId, CountDownLatch> waiting = new ConcurrentHashMap<>();

    @Override
    public void finished(TaskId id) {
        CountDownLatch latch = waiting.get(id);
        if (latch != null) {
            latch.countDown();
        }
    }

    /**
     * Registers interest in a task; call it before reading the task's status, so that news arriving between the
     * read and the wait is not missed, and {@link #forget} it afterwards.
     */
    public void expect(TaskId id) {
        if (waiting.size() < MAX_WAITERS) {
            waiting.computeIfAbsent(id, k -> new CountDownLatch(1));
        }
    }

    /** Waits at most {@code timeout} for news of the task; true when it came. */
    public boolean await(TaskId id, Duration timeout) throws InterruptedException {
        CountDownLatch latch = waiting.get(id);
        if (latch == null) {
            Thread.sleep(Math.max(1, timeout.toMillis()));
            return false;
        }
        return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public void forget(TaskId id) {
        waiting.remove(id);
    }
}
