package io.lodestar.acs.store;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.parameter.Parameter;

import java.util.List;
import java.util.Optional;

/**
 * Devices, their parameters, their inform history and their faults. Every method may throw
 * {@link StoreUnavailableException} when the storage engine cannot be reached.
 */
public interface DeviceStore {

    /** The device with every stored parameter: what a session starts from; empty when unknown. */
    Optional<DeviceSnapshot> loadSnapshot(DeviceId id);

    /** The device's summary without its parameters; empty when unknown. */
    Optional<Device> findDevice(DeviceId id);

    /**
     * Devices in id order, starting after {@code after} (exclusive; null to start from the first), at
     * most {@code limit} of them: a page of a scan over all devices.
     */
    List<Device> listDevices(DeviceId after, int limit);

    /**
     * Devices that match the query, in id order, starting after {@code after} (exclusive; null from the
     * first), at most {@code limit}: a page of a search. The parameter criteria see every committed change
     * to the indexed parameters (including parameters gone with a deleted object or a bootstrap).
     *
     * @throws UnindexedParameterException when the query names a parameter not in {@link #indexedParameters()}
     */
    List<Device> findDevices(DeviceQuery query, DeviceId after, int limit);

    /** The parameters devices can be searched by: the store indexes them for every device it holds. */
    IndexedParameters indexedParameters();

    /**
     * The device's parameters whose path lies under {@code prefix} (an object path ending in '.', a full
     * parameter path, or "" for all), in path order.
     */
    List<Parameter> parameters(DeviceId id, String prefix);

    /**
     * Registers a device ahead of its first Inform (pre-provisioning), keeping an existing device as it is.
     *
     * @return the stored device: the given one if it was new, else the one already stored
     */
    Device register(Device device);

    /** Replaces the operator-assigned tags of a device; empty when the device is unknown. */
    Optional<Device> setTags(DeviceId id, java.util.Set<String> tags);

    /** Deletes a device with its parameters, history, faults, tasks and operations; false when it was unknown. */
    boolean deleteDevice(DeviceId id);

    /** The device's most recent Informs, newest first, at most {@code limit} (the store keeps a bounded history). */
    List<InformRecord> informs(DeviceId id, int limit);

    /** The device's most recent faults, newest first, at most {@code limit} (the store keeps a bounded history). */
    List<DeviceFault> faults(DeviceId id, int limit);
}
