package io.lodestar.acs.store;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskFault;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.lodestar.acs.store.StoreTestData.T0;
import static io.lodestar.acs.store.StoreTestData.everyAction;
import static io.lodestar.acs.store.StoreTestData.everyResult;
import static io.lodestar.acs.store.StoreTestData.fullDevice;
import static io.lodestar.acs.store.StoreTestData.id;
import static io.lodestar.acs.store.StoreTestData.session;
import static io.lodestar.acs.store.StoreTestData.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promises of {@link TaskStore}: queues in order, pending tasks, cancelling, every action and result
 * variant, task states written by {@link AcsStore#commit}, and concurrent task writes of one device.
 */
public interface TaskStoreContract extends StoreFixture {

    // ---- queues -------------------------------------------------------------------------------------------

    @Test
    default void addTaskThenFindIt() {
        Task t = task("dev-t", new TaskAction.GetParameterValues(List.of("Device.DeviceInfo.")), T0);
        assertThat(store().addTask(t)).isEqualTo(t);
        assertThat(store().findTask(t.id())).contains(t);
        assertThat(store().tasks(id("dev-t"))).containsExactly(t);
        assertThat(store().findTask(TaskId.create(T0))).isEmpty();
    }

    @Test
    default void tasksComeInQueueOrderWhateverTheOrderTheyWereAdded() {
        List<Task> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queued.add(task("dev-queue", new TaskAction.Reboot("r" + i), T0.plusMillis(i)));
        }
        List<Task> shuffled = new ArrayList<>(queued);
        Collections.shuffle(shuffled, new Random(3));
        shuffled.forEach(store()::addTask);
        store().addTask(task("dev-queue-2", new TaskAction.FactoryReset(), T0));
        assertThat(store().tasks(id("dev-queue"))).containsExactlyElementsOf(queued);
        assertThat(store().pendingTasks(id("dev-queue"))).containsExactlyElementsOf(queued);
        assertThat(store().tasks(id("dev-queue-2"))).hasSize(1);
    }

    @Test
    default void pendingTasksLeaveOutEveryFinalStatus() {
        String dev = "dev-pending";
        Task pending = task(dev, new TaskAction.Reboot("a"), T0);
        Task done = task(dev, new TaskAction.Reboot("b"), T0.plusMillis(1)).done(new TaskResult.Status(0, 0), T0);
        Task failed = task(dev, new TaskAction.Reboot("c"), T0.plusMillis(2))
                .failedAttempt(new TaskFault(9002, "internal", T0), new io.lodestar.acs.core.task.RetryPolicy(1,
                        Duration.ZERO, Duration.ZERO), T0);
        Task expired = task(dev, new TaskAction.Reboot("d"), T0.plusMillis(3)).expired(T0);
        Task cancelled = task(dev, new TaskAction.Reboot("e"), T0.plusMillis(4)).cancelled(T0);
        Task retrying = task(dev, new TaskAction.Reboot("f"), T0.plusMillis(5))
                .failedAttempt(new TaskFault(TaskFault.SESSION_ENDED, "session ended", T0),
                        io.lodestar.acs.core.task.RetryPolicy.DEFAULT, T0);
        List<Task> all = List.of(pending, done, failed, expired, cancelled, retrying);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(retrying.status()).isEqualTo(TaskStatus.PENDING);
        all.forEach(store()::addTask);
        assertThat(store().tasks(id(dev))).containsExactlyElementsOf(all);
        assertThat(store().pendingTasks(id(dev))).containsExactly(pending, retrying);
    }

    // ---- cancelling ---------------------------------------------------------------------------------------

    @Test
    default void cancelTaskCancelsAPendingTask() {
        Task t = store().addTask(task("dev-cancel", new TaskAction.Refresh("Device."), T0));
        Instant now = T0.plusSeconds(30);
        Optional<Task> cancelled = store().cancelTask(t.id(), now);
        assertThat(cancelled).contains(t.cancelled(now));
        assertThat(cancelled.get().status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(cancelled.get().completedAt()).isEqualTo(now);
        assertThat(store().findTask(t.id())).contains(t.cancelled(now));
        assertThat(store().pendingTasks(id("dev-cancel"))).isEmpty();
        assertThat(store().cancelTask(t.id(), now.plusSeconds(5))).as("cancelling twice changes nothing")
                .contains(t.cancelled(now));
    }

    @Test
    default void cancelTaskLeavesFinalTasksAsTheyAre() {
        Task done = task("dev-cancel-final", new TaskAction.Reboot(null), T0)
                .done(new TaskResult.Status(0, 0), T0.plusSeconds(1));
        store().addTask(done);
        assertThat(store().cancelTask(done.id(), T0.plusSeconds(9))).contains(done);
        assertThat(store().findTask(done.id())).contains(done);
        Task expired = store().addTask(task("dev-cancel-final", new TaskAction.Reboot(null), T0.plusMillis(1))
                .expired(T0));
        assertThat(store().cancelTask(expired.id(), T0.plusSeconds(9))).contains(expired);
    }

    @Test
    default void cancelAnUnknownTaskIsEmpty() {
        assertThat(store().cancelTask(TaskId.create(T0), T0)).isEmpty();
    }

    // ---- tasks written by a commit ------------------------------------------------------------------------

    @Test
    default void aCommitUpdatesTaskStates() {
        Device d = fullDevice("dev-task-commit");
        Task a = store().addTask(task("dev-task-commit", new TaskAction.Reboot("a"), T0));
        Task b = store().addTask(task("dev-task-commit", new TaskAction.Reboot("b"), T0.plusMillis(1)));
        Task aDone = a.done(new TaskResult.Status(0, 0), T0.plusSeconds(1));
        Task bRetry = b.failedAttempt(new TaskFault(9002, "busy", T0.plusSeconds(2)),
                io.lodestar.acs.core.task.RetryPolicy.DEFAULT, T0.plusSeconds(2));
        store().commit(session(d).task(aDone).task(bRetry).build());
        assertThat(store().tasks(d.id())).containsExactly(aDone, bRetry);
        assertThat(store().pendingTasks(d.id())).containsExactly(bRetry);
        assertThat(store().findTask(a.id())).contains(aDone);
        // a task queued by the commit itself is findable too
        Task c = task("dev-task-commit", new TaskAction.FactoryReset(), T0.plusMillis(2));
        store().commit(session(d).task(c).build());
        assertThat(store().findTask(c.id())).contains(c);
    }

    // ---- every variant ------------------------------------------------------------------------------------

    @Test
    default void everyTaskActionRoundTrips() {
        List<TaskAction> actions = everyAction();
        List<Task> added = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            added.add(store().addTask(task("dev-actions", actions.get(i), T0.plusMillis(i))));
        }
        for (Task t : added) {
            assertThat(store().findTask(t.id())).contains(t);
        }
        assertThat(store().tasks(id("dev-actions"))).extracting(Task::action).containsExactlyElementsOf(actions);
        restart();
        assertThat(store().tasks(id("dev-actions"))).containsExactlyElementsOf(added);
    }

    @Test
    default void everyTaskResultAndFaultRoundTrips() {
        List<TaskResult> results = everyResult();
        Device d = fullDevice("dev-results");
        SessionChanges.Builder b = session(d);
        List<Task> expected = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Task t = task("dev-results", new TaskAction.Reboot("r"), T0.plusMillis(i))
                    .failedAttempt(new TaskFault(9000 + i, i == 0 ? null : "fault ü " + i, i == 1 ? null : T0),
                            io.lodestar.acs.core.task.RetryPolicy.DEFAULT, T0)
                    .done(results.get(i), T0.plusSeconds(i));
            expected.add(t);
            b.task(t);
        }
        store().commit(b.build());
        assertThat(store().tasks(d.id())).containsExactlyElementsOf(expected);
        assertThat(store().tasks(d.id())).extracting(Task::result).containsExactlyElementsOf(results);
    }

    // ---- concurrency --------------------------------------------------------------------------------------

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    default void concurrentTaskWritesOfOneDeviceAreAllKept() throws Exception {
        int threads = 4;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Task>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<Task> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        Task task = store().addTask(
                                task("dev-busy", new TaskAction.Reboot(thread + "-" + i), T0.plusMillis(i)));
                        mine.add(task);
                        if (i % 2 == 0) {
                            store().cancelTask(task.id(), T0.plusSeconds(1));
                        }
                    }
                    return mine;
                }));
            }
            List<Task> all = new ArrayList<>();
            for (Future<List<Task>> f : futures) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(store().tasks(id("dev-busy"))).extracting(Task::id)
                    .containsExactlyElementsOf(all.stream().map(Task::id).sorted().toList());
            assertThat(store().pendingTasks(id("dev-busy"))).hasSize(threads * each / 2);
        } finally {
            pool.shutdownNow();
        }
    }
}
