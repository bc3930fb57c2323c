package io.lodestar.acs.service;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.task.Task;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Something an operator changed, announced once it is stored. Each names the device it concerns and when it
 * happened (by the services' clock).
 */
public sealed interface DomainEvent {

    DeviceId deviceId();

    Instant at();

    /** A task was queued; {@code task} is as stored. */
    record TaskQueued(Task task, Instant at) implements DomainEvent {
        public TaskQueued {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public DeviceId deviceId() {
            return task.deviceId();
        }
    }

    /** A pending task was withdrawn; {@code task} is as stored afterwards. */
    record TaskCancelled(Task task, Instant at) implements DomainEvent {
        public TaskCancelled {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public DeviceId deviceId() {
            return task.deviceId();
        }
    }

    /** A failed task was made pending again; {@code task} is as stored afterwards. */
    record TaskRetried(Task task, Instant at) implements DomainEvent {
        public TaskRetried {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public DeviceId deviceId() {
            return task.deviceId();
        }
    }

    /** A device was deleted with everything kept about it. */
    record DeviceDeleted(DeviceId deviceId, Instant at) implements DomainEvent {
        public DeviceDeleted {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A device was registered ahead of its first Inform; {@code device} is as stored. */
    record DeviceRegistered(Device device, Instant at) implements DomainEvent {
        public DeviceRegistered {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public DeviceId deviceId() {
            return device.id();
        }
    }

    /** A device's operator tags changed from {@code before} to {@code after}. */
    record TagsChanged(DeviceId deviceId, Set<String> before, Set<String> after, Instant at) implements DomainEvent {
        public TagsChanged {
            Objects.requireNonNull(deviceId, "deviceId");
            before = Set.copyOf(before);
            after = Set.copyOf(after);
            Objects.requireNonNull(at, "at");
        }
    }
}
