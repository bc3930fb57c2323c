package io.lodestar.acs.store;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.operation.Operation;

import java.util.List;

/**
 * Operations: what a device accepted in one session and reports the end of in a later one (a reboot, a
 * factory reset), one per task and identified by the task's id. Sessions write them with
 * {@link AcsStore#commit}; {@link DeviceStore#deleteDevice} removes them. Every method may throw
 * {@link StoreUnavailableException}.
 */
public interface OperationStore {

    /**
     * How many ended operations the store keeps per device: the most recently ended ones (by
     * {@link Operation#endedAt()}, an ended operation without one counting from its start; of two that ended at
     * the same instant, the later started). Operations in progress are all kept.
     */
    int ENDED_OPERATIONS_KEPT = 50;

    /**
     * The device's operations in start order (task id order): every one in progress, and the
     * {@value #ENDED_OPERATIONS_KEPT} that ended most recently; empty when the device is unknown or has none.
     */
    List<Operation> operations(DeviceId id);
}
