package io.lodestar.acs.metrics;

import io.lodestar.acs.service.DomainEvent;
import io.lodestar.acs.service.DomainEventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Tasks queued by operators, counted from the service layer's domain events (a retried task is queued again).
 *
 * <p>Why a counter and no gauge of the tasks pending in the fleet: no store engine can count them cheaply (the
 * store keeps tasks per device; counting them is a scan of the fleet, which a scrape every 15 s must not cause),
 * and a gauge kept from the events would be wrong after a restart and on every other node. The rates of
 * {@code lodestar_tasks_queued_total} and {@code lodestar_tasks_finished_total} show whether the queue grows.
 */
public final class TaskMetrics implements DomainEventListener {

    private final Counter queued;

    public TaskMetrics(MeterRegistry registry) {
        this.queued = Meters.counter(registry, MetricNames.TASKS_QUEUED);
    }

    @Override
    public void on(DomainEvent event) {
        if (event instanceof DomainEvent.TaskQueued || event instanceof DomainEvent.TaskRetried) {
            queued.increment();
        }
    }
}
