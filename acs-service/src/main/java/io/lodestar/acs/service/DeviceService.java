package io.lodestar.acs.service;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.parameter.ParameterPaths;
import io.lodestar.acs.store.DeviceQuery;
import io.lodestar.acs.store.DeviceStore;
import io.lodestar.acs.store.OperationStore;
import io.lodestar.acs.store.ProfileStore;
import io.lodestar.acs.store.UnindexedParameterException;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Operators' work on devices: read one (summary, parameters, operations, faults), search them, tag them,
 * register one ahead of its first Inform, delete one. Every change is announced as a {@link DomainEvent} once
 * stored.
 */
public final class DeviceService {

    private final DeviceStore devices;
    private final OperationStore operations;
    private final DomainEvents events;
    private final Clock clock;

    public DeviceService(DeviceStore devices, OperationStore operations, DomainEvents events, Clock clock) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.operations = Objects.requireNonNull(operations, "operations");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The device's summary, without its parameters.
     *
     * @throws ServiceException DEVICE_NOT_FOUND
     */
    public Device device(DeviceId id) {
        return devices.findDevice(id).orElseThrow(() -> deviceNotFound(id));
    }

    /**
     * The device's summary and its stored parameters under {@code prefix} (an object path ending in '.', one
     * parameter's path, or "" for all).
     *
     * @throws ServiceException DEVICE_NOT_FOUND, BAD_PATH
     */
    public DeviceDetails details(DeviceId id, String prefix) {
        requireWellFormedPrefix(prefix);
        Device device = device(id);
        return new DeviceDetails(device, devices.parameters(id, prefix));
    }

    /**
     * The device's stored parameters under {@code prefix}, in path order.
     *
     * @throws ServiceException DEVICE_NOT_FOUND, BAD_PATH
     */
    public List<Parameter> parameters(DeviceId id, String prefix) {
        return details(id, prefix).parameters();
    }

    /**
     * A page of the devices matching the query, in id order, after {@code after} (null: from the first), at
     * most {@code limit}.
     *
     * @throws ServiceException PARAMETER_NOT_INDEXED when the query names a parameter the store does not index;
     *                          BAD_ARGUMENT for a limit below 1
     */
    public List<Device> search(DeviceQuery query, DeviceId after, int limit) {
        requirePositive("limit", limit);
        try {
            return devices.findDevices(query, after, limit);
        } catch (UnindexedParameterException e) {
            throw new ServiceException(ErrorCode.PARAMETER_NOT_INDEXED, e.getMessage());
        }
    }

    /**
     * The device's operations (reboots, factory resets) in start order.
     *
     * @throws ServiceException DEVICE_NOT_FOUND
     */
    public List<Operation> operations(DeviceId id) {
        device(id);
        return operations.operations(id);
    }

    /**
     * The device's most recent faults, newest first, at most {@code limit}.
     *
     * @throws ServiceException DEVICE_NOT_FOUND; BAD_ARGUMENT for a limit below 1
     */
    public List<DeviceFault> faults(DeviceId id, int limit) {
        requirePositive("limit", limit);
        device(id);
        return devices.faults(id, limit);
    }

    /**
     * Replaces the device's tags.
     *
     * @return the device as stored afterwards
     * @throws ServiceException DEVICE_NOT_FOUND, BAD_TAG
     */
    public Device setTags(DeviceId id, Set<String> tags) {
        Tags.requireValid(tags);
        Device before = device(id);
        return changeTags(before, Set.copyOf(tags));
    }

    /**
     * Adds a tag to the device (nothing changes when it carries it already).
     *
     * @throws ServiceException DEVICE_NOT_FOUND, BAD_TAG
     */
    public Device addTag(DeviceId id, String tag) {
        Tags.requireValid(tag);
        Device before = device(id);
        Set<String> after = new HashSet<>(before.tags());
        after.add(tag);
        return changeTags(before, after);
    }

    /**
     * Removes a tag from the device (nothing changes when it does not carry it).
     *
     * @throws ServiceException DEVICE_NOT_FOUND
     */
    public Device removeTag(DeviceId id, String tag) {
        Device before = device(id);
        Set<String> after = new HashSet<>(before.tags());
        after.remove(tag);
        return changeTags(before, after);
    }

    /**
     * Registers a device ahead of its first Inform, so that tasks can be queued for it. A device already known
     * is left as it is.
     */
    public Registration register(DeviceId id) {
        Optional<Device> known = devices.findDevice(id);
        if (known.isPresent()) {
            return new Registration(known.get(), false);
        }
        Instant now = clock.instant();
        Device candidate = Device.register(id, now);
        Device stored = devices.register(candidate);
        // the store returns the given device when it was new; an Inform that registered the device since the
        // look-up made the store keep its own, and that is no news of ours
        boolean created = stored.equals(candidate);
        if (created) {
            events.publish(new DomainEvent.DeviceRegistered(stored, now));
        }
        return new Registration(stored, created);
    }

    /**
     * Deletes the device with its parameters, history, faults, tasks and operations, and, when the store keeps phone
     * profiles ({@link ProfileStore}), its profile values, device key and status reports (first: a failure leaves
     * the device to be deleted again).
     *
     * @throws ServiceException DEVICE_NOT_FOUND
     */
    public void delete(DeviceId id) {
        Instant now = clock.instant();
        if (devices instanceof ProfileStore profiles && devices.findDevice(id).isPresent()) {
            profiles.deleteDeviceProfileData(id);
        }
        if (!devices.deleteDevice(id)) {
            throw deviceNotFound(id);
        }
        events.publish(new DomainEvent.DeviceDeleted(id, now));
    }

    private Device changeTags(Device before, Set<String> after) {
        if (before.tags().equals(after)) {
            return before;
        }
        Instant now = clock.instant();
        // a read-modify-write: a concurrent change of the same device's tags between the two may be lost
        Device stored = devices.setTags(before.id(), after).orElseThrow(() -> deviceNotFound(before.id()));
        events.publish(new DomainEvent.TagsChanged(before.id(), before.tags(), stored.tags(), now));
        return stored;
    }

    private static void requireWellFormedPrefix(String prefix) {
        if (!prefix.isEmpty() && !ParameterPaths.isValid(prefix)) {
            throw new ServiceException(ErrorCode.BAD_PATH, "'" + prefix + "' is not a parameter path "
                    + "(names of letters, digits, '_', '-' or ':' separated by dots)");
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new ServiceException(ErrorCode.BAD_ARGUMENT, name + " must be at least 1, not " + value);
        }
    }

    static ServiceException deviceNotFound(DeviceId id) {
        return new ServiceException(ErrorCode.DEVICE_NOT_FOUND, "no device " + id);
    }
}
