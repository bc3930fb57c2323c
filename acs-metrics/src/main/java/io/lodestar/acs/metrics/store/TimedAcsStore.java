package io.lodestar.acs.metrics.store;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.metrics.MetricNames;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.DeviceQuery;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.SessionStart;
import io.lodestar.acs.store.StoreUnavailableException;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Times every operation of the {@link AcsStore} it decorates (meter {@code lodestar.store.operation.duration}, by
 * operation and outcome: {@code ok}, {@code unavailable} for {@link StoreUnavailableException}, {@code error} for
 * any other exception) and otherwise passes each call through unchanged, exceptions included. It adds no store
 * concern of its own: the composition root wraps the store the sessions use, and keeps using the undecorated store
 * for the concerns beside {@link AcsStore} (tokens, credentials, files).
 */
public final class TimedAcsStore implements AcsStore {

    /** Every timed operation, named after its {@link AcsStore} method (the tag value). */
    public enum StoreOperation {
        LOAD_SNAPSHOT("loadSnapshot"), LOAD_SESSION_START("loadSessionStart"),
        ACQUIRE_LEASE_AND_LOAD_SESSION_START("acquireLeaseAndLoadSessionStart"), FIND_DEVICE("findDevice"),
        LIST_DEVICES("listDevices"), FIND_DEVICES("findDevices"), INDEXED_PARAMETERS("indexedParameters"),
        PARAMETERS("parameters"),
        REGISTER("register"), SET_TAGS("setTags"), DELETE_DEVICE("deleteDevice"), INFORMS("informs"),
        FAULTS("faults"), OPERATIONS("operations"), ADD_TASK("addTask"), FIND_TASK("findTask"), TASKS("tasks"),
        PENDING_TASKS("pendingTasks"), CANCEL_TASK("cancelTask"), ACQUIRE_LEASE("acquireLease"),
        RENEW_LEASE("renewLease"), RELEASE_LEASE("releaseLease"), COMMIT("commit");

        private final String tag;

        StoreOperation(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private static final String[] OUTCOMES = {"ok", "unavailable", "error"};

    private final AcsStore delegate;
    private final MeterRegistry registry;
    private final Duration[] buckets;
    private final Clock clock;
    /**
     * Per operation, its timers by outcome (index in {@link #OUTCOMES}). The {@code ok} ones are built up front (no
     * lookup per call); a failure's timer when the first one happens, so that a scrape does not carry some seven
     * hundred series of failures that never happened.
     */
    private final Map<StoreOperation, AtomicReferenceArray<Timer>> timers = new EnumMap<>(StoreOperation.class);

    public TimedAcsStore(AcsStore delegate, MeterRegistry registry, Duration[] buckets) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = registry;
        this.buckets = buckets.clone();
        this.clock = registry.config().clock();
        for (StoreOperation op : StoreOperation.values()) {
            AtomicReferenceArray<Timer> byOutcome = new AtomicReferenceArray<>(OUTCOMES.length);
            byOutcome.set(0, timer(op, 0));
            timers.put(op, byOutcome);
        }
    }

    private Timer timer(StoreOperation op, int outcome) {
        return Timer.builder(MetricNames.STORE_OPERATION.name())
                .description(MetricNames.STORE_OPERATION.description())
                .tag(MetricNames.OPERATION, op.tag())
                .tag(MetricNames.OUTCOME, OUTCOMES[outcome])
                .serviceLevelObjectives(buckets)
                .register(registry);
    }

    private Timer timerOf(StoreOperation op, int outcome) {
        AtomicReferenceArray<Timer> byOutcome = timers.get(op);
        Timer t = byOutcome.get(outcome);
        if (t == null) {
            // two threads may both build it: the registry gives both the same timer
            t = timer(op, outcome);
            byOutcome.set(outcome, t);
        }
        return t;
    }

    private <T> T timed(StoreOperation op, Supplier<T> call) {
        long start = clock.monotonicTime();
        int outcome = 2;
        try {
            T result = call.get();
            outcome = 0;
            return result;
        } catch (StoreUnavailableException e) {
            outcome = 1;
            throw e;
        } finally {
            timerOf(op, outcome).record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void timedRun(StoreOperation op, Runnable call) {
        timed(op, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public Optional<DeviceSnapshot> loadSnapshot(DeviceId id) {
        return timed(StoreOperation.LOAD_SNAPSHOT, () -> delegate.loadSnapshot(id));
    }

    /**
     * Passed on as one call, timed as one operation of its own: the engine may answer it from fewer reads than its
     * three parts (Cassandra's markers of pending work), which the contract's default, running here, would bypass.
     */
    @Override
    public SessionStart loadSessionStart(DeviceId id) {
        return timed(StoreOperation.LOAD_SESSION_START, () -> delegate.loadSessionStart(id));
    }

    /**
     * Passed on as one call, timed as one operation of its own: the engine may take the lease and read the session's
     * start at once (Cassandra's quorum claims in the device's row), which the contract's default would bypass.
     */
    @Override
    public Optional<SessionStart> acquireLeaseAndLoadSessionStart(DeviceId id, String owner, Duration ttl) {
        return timed(StoreOperation.ACQUIRE_LEASE_AND_LOAD_SESSION_START,
                () -> delegate.acquireLeaseAndLoadSessionStart(id, owner, ttl));
    }

    @Override
    public Optional<Device> findDevice(DeviceId id) {
        return timed(StoreOperation.FIND_DEVICE, () -> delegate.findDevice(id));
    }

    @Override
    public List<Device> listDevices(DeviceId after, int limit) {
        return timed(StoreOperation.LIST_DEVICES, () -> delegate.listDevices(after, limit));
    }

    @Override
    public List<Device> findDevices(DeviceQuery query, DeviceId after, int limit) {
        return timed(StoreOperation.FIND_DEVICES, () -> delegate.findDevices(query, after, limit));
    }

    @Override
    public IndexedParameters indexedParameters() {
        return timed(StoreOperation.INDEXED_PARAMETERS, delegate::indexedParameters);
    }

    @Override
    public List<Parameter> parameters(DeviceId id, String prefix) {
        return timed(StoreOperation.PARAMETERS, () -> delegate.parameters(id, prefix));
    }

    @Override
    public Device register(Device device) {
        return timed(StoreOperation.REGISTER, () -> delegate.register(device));
    }

    @Override
    public Optional<Device> setTags(DeviceId id, Set<String> tags) {
        return timed(StoreOperation.SET_TAGS, () -> delegate.setTags(id, tags));
    }

    @Override
    public boolean deleteDevice(DeviceId id) {
        return timed(StoreOperation.DELETE_DEVICE, () -> delegate.deleteDevice(id));
    }

    @Override
    public List<InformRecord> informs(DeviceId id, int limit) {
        return timed(StoreOperation.INFORMS, () -> delegate.informs(id, limit));
    }

    @Override
    public List<DeviceFault> faults(DeviceId id, int limit) {
        return timed(StoreOperation.FAULTS, () -> delegate.faults(id, limit));
    }

    @Override
    public List<Operation> operations(DeviceId id) {
        return timed(StoreOperation.OPERATIONS, () -> delegate.operations(id));
    }

    @Override
    public Task addTask(Task task) {
        return timed(StoreOperation.ADD_TASK, () -> delegate.addTask(task));
    }

    @Override
    public Optional<Task> findTask(TaskId id) {
        return timed(StoreOperation.FIND_TASK, () -> delegate.findTask(id));
    }

    @Override
    public List<Task> tasks(DeviceId deviceId) {
        return timed(StoreOperation.TASKS, () -> delegate.tasks(deviceId));
    }

    @Override
    public List<Task> pendingTasks(DeviceId deviceId) {
        return timed(StoreOperation.PENDING_TASKS, () -> delegate.pendingTasks(deviceId));
    }

    @Override
    public Optional<Task> cancelTask(TaskId id, Instant now) {
        return timed(StoreOperation.CANCEL_TASK, () -> delegate.cancelTask(id, now));
    }

    @Override
    public boolean acquireLease(DeviceId id, String owner, Duration ttl) {
        return timed(StoreOperation.ACQUIRE_LEASE, () -> delegate.acquireLease(id, owner, ttl));
    }

    @Override
    public boolean renewLease(DeviceId id, String owner, Duration ttl) {
        return timed(StoreOperation.RENEW_LEASE, () -> delegate.renewLease(id, owner, ttl));
    }

    @Override
    public void releaseLease(DeviceId id, String owner) {
        timedRun(StoreOperation.RELEASE_LEASE, () -> delegate.releaseLease(id, owner));
    }

    @Override
    public void commit(SessionChanges changes) {
        timedRun(StoreOperation.COMMIT, () -> delegate.commit(changes));
    }

    /**
     * Timed as a commit: the lease's release rides in it (in one write where the engine can), so the commit
     * timer keeps counting every session's final write.
     */
    @Override
    public void commitAndReleaseLease(SessionChanges changes, String owner) {
        timedRun(StoreOperation.COMMIT, () -> delegate.commitAndReleaseLease(changes, owner));
    }

    /** Closes the decorated store. */
    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "TimedAcsStore[" + delegate + "]";
    }
}
