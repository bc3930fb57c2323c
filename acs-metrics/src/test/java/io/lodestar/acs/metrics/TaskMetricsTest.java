package io.lodestar.acs.metrics;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.service.DomainEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TaskMetricsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void queuedAndRetriedTasksAreCountedAndOtherEventsAreNot() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TaskMetrics metrics = new TaskMetrics(registry);
        Task task = Task.queue(new DeviceId("0CD0F8-CP-8841-3PCC-SIM000001"), new TaskAction.Reboot("k"), T0,
                Duration.ofDays(1));

        metrics.on(new DomainEvent.TaskQueued(task, T0));
        metrics.on(new DomainEvent.TaskRetried(task, T0));
        metrics.on(new DomainEvent.TaskCancelled(task.cancelled(T0), T0));
        metrics.on(new DomainEvent.DeviceDeleted(task.deviceId(), T0));

        assertThat(registry.get("lodestar.tasks.queued").counter().count()).isEqualTo(2);
    }
}
