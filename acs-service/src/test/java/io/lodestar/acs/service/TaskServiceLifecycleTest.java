package io.lodestar.acs.service;

import io.lodestar.acs.core.task.RetryPolicy;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskFault;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Listing, reading, cancelling and retrying tasks with {@link TaskService}, against a real embedded store. */
class TaskServiceLifecycleTest extends ServiceFixture {

    private Task queueReboot() {
        return tasks.queue(KNOWN, new TaskAction.Reboot(""), QueueOptions.timeToLive(Duration.ofHours(2)));
    }

    /** A task that faulted as often as its policy allows, as a session stores it. */
    private Task failed(Task task) {
        Task failed = task.failedAttempt(new TaskFault(9002, "Internal error", clock.instant()),
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO), clock.instant());
        return store.addTask(failed);
    }

    @Test
    void aDevicesTasksAreListedInQueueOrderWhateverTheirStatus() {
        Task first = queueReboot();
        Task second = tasks.queue(KNOWN, new TaskAction.FactoryReset(), QueueOptions.DEFAULT);
        tasks.cancel(first.id());

        assertThat(tasks.tasks(KNOWN)).extracting(Task::id).containsExactly(first.id(), second.id());
        assertThat(tasks.tasks(FRESH)).isEmpty();
        assertRefused(ErrorCode.DEVICE_NOT_FOUND, () -> tasks.tasks(UNKNOWN)).hasMessageContaining(UNKNOWN.value());
    }

    @Test
    void aTaskIsReadByItsIdAndOnlyUnderItsOwnDevice() {
        Task task = queueReboot();
        TaskId nobody = TaskId.create(T0);

        assertThat(tasks.task(task.id())).isEqualTo(task);
        assertThat(tasks.task(KNOWN, task.id())).isEqualTo(task);
        assertRefused(ErrorCode.TASK_NOT_FOUND, () -> tasks.task(FRESH, task.id())).hasMessageContaining(task.id().value());
        assertRefused(ErrorCode.TASK_NOT_FOUND, () -> tasks.task(nobody)).hasMessageContaining(nobody.value());
        assertRefused(ErrorCode.TASK_NOT_FOUND, () -> Ids.taskId("not-a-task")).hasMessageContaining("not-a-task");
    }

    @Test
    void aPendingTaskIsCancelledAndTheCancellationAnnounced() {
        Task task = queueReboot();
        clock.advance(Duration.ofMinutes(5));

        Task cancelled = tasks.cancel(task.id());

        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(cancelled.completedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(store.findTask(task.id())).contains(cancelled);
        assertThat(events).endsWith(new DomainEvent.TaskCancelled(cancelled, T0.plus(Duration.ofMinutes(5))));
    }

    @Test
    void aTaskThatIsNoLongerPendingCannotBeCancelled() {
        Task done = store.addTask(queueReboot().done(new TaskResult.Status(0, 0), T0));
        Task cancelled = tasks.cancel(queueReboot().id());
        events.clear();

        assertRefused(ErrorCode.TASK_NOT_CANCELLABLE, () -> tasks.cancel(done.id()))
                .hasMessageContaining(done.id().value()).hasMessageContaining("DONE");
        assertRefused(ErrorCode.TASK_NOT_CANCELLABLE, () -> tasks.cancel(cancelled.id()))
                .hasMessageContaining("CANCELLED");
        assertRefused(ErrorCode.TASK_NOT_FOUND, () -> tasks.cancel(TaskId.create(T0)));
        assertThat(store.findTask(done.id())).contains(done);
        assertThat(events).isEmpty();
    }

    @Test
    void aFailedTaskIsRetriedAsPendingWithItsAttemptsAndTimeToLiveRenewed() {
        Task failed = failed(queueReboot());
        Task later = tasks.queue(KNOWN, new TaskAction.FactoryReset(), QueueOptions.DEFAULT);
        clock.advance(Duration.ofHours(3)); // past the task's first expiry
        events.clear();

        Task retried = tasks.retry(failed.id());

        assertThat(retried.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(retried.attempts()).isZero();
        assertThat(retried.notBefore()).isEqualTo(clock.instant());
        assertThat(retried.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        assertThat(retried.completedAt()).isNull();
        assertThat(retried.lastFault()).isEqualTo(failed.lastFault());
        assertThat(retried.action()).isEqualTo(failed.action());
        // the device's queue holds it where it was, ahead of the tasks queued after it
        assertThat(store.pendingTasks(KNOWN)).extracting(Task::id).containsExactly(failed.id(), later.id());
        assertThat(store.findTask(failed.id())).contains(retried);
        assertThat(events).containsExactly(new DomainEvent.TaskRetried(retried, clock.instant()));
    }

    @Test
    void onlyAFailedTaskCanBeRetried() {
        Task pending = queueReboot();
        events.clear();

        assertRefused(ErrorCode.TASK_NOT_RETRYABLE, () -> tasks.retry(pending.id()))
                .hasMessageContaining(pending.id().value()).hasMessageContaining("PENDING");
        assertRefused(ErrorCode.TASK_NOT_FOUND, () -> tasks.retry(TaskId.create(T0)));
        assertThat(store.findTask(pending.id())).contains(pending);
        assertThat(events).isEmpty();
    }

    @Test
    void aRetriedTaskCanBeCancelledLikeAnyPendingOne() {
        Task retried = tasks.retry(failed(queueReboot()).id());

        assertThat(tasks.cancel(retried.id()).status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("TaskQueued", "TaskRetried", "TaskCancelled");
        assertThat(List.copyOf(events)).allMatch(e -> e.deviceId().equals(KNOWN));
    }
}
