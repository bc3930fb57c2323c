package io.lodestar.acs.store;

import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.task.Task;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a CWMP session starts from, as {@link AcsStore#loadSessionStart} read it for one device.
 *
 * @param snapshot     the device with every stored parameter ({@link DeviceStore#loadSnapshot}); empty when unknown
 * @param pendingTasks the device's pending tasks in queue order ({@link TaskStore#pendingTasks}), also for a device
 *                     not stored yet (tasks may be queued ahead of a device's first Inform)
 * @param operations   the device's operations ({@link OperationStore#operations}); empty when the device is unknown
 */
public record SessionStart(Optional<DeviceSnapshot> snapshot, List<Task> pendingTasks, List<Operation> operations) {

    public SessionStart {
        Objects.requireNonNull(snapshot, "snapshot");
        pendingTasks = List.copyOf(pendingTasks);
        operations = List.copyOf(operations);
        if (snapshot.isEmpty() && !operations.isEmpty()) {
            throw new IllegalArgumentException("an unknown device has no operations: " + operations.size() + " given");
        }
    }
}
