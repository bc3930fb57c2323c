package io.lodestar.acs.service;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.parameter.ParameterPaths;

import java.util.NavigableMap;
import java.util.Optional;

/**
 * A device's data model as the store holds it, for checking the paths of a request. Until the device's data
 * model has been learned completely ({@link io.lodestar.acs.core.device.Device#discoveredAt()} unset: a device
 * registered ahead of its first Inform, or one whose discovery has not finished) the store's tree is partial, so
 * a path it lacks is not proof that the device lacks it: such a path is accepted, and the device will answer.
 */
final class StoredTree {

    private final DeviceId deviceId;
    private final boolean complete;
    private final NavigableMap<String, Parameter> parameters;

    private StoredTree(DeviceId deviceId, boolean complete, NavigableMap<String, Parameter> parameters) {
        this.deviceId = deviceId;
        this.complete = complete;
        this.parameters = parameters;
    }

    static StoredTree of(DeviceSnapshot snapshot) {
        return new StoredTree(snapshot.device().id(), snapshot.device().discoveredAt() != null,
                snapshot.parameters()); // a view of the persistent tree, in path order: no copy
    }

    DeviceId deviceId() {
        return deviceId;
    }

    /** The stored parameter (or object) with exactly this path. */
    Optional<Parameter> parameter(String path) {
        return Optional.ofNullable(parameters.get(path));
    }

    /**
     * Refuses a path the device does not have: a parameter it does not hold, an object with nothing stored at
     * or under it. The empty path (the whole tree) always exists.
     *
     * @throws ServiceException PATH_NOT_FOUND
     */
    void requireExists(String path) {
        if (!complete || path.isEmpty() || has(path)) {
            return;
        }
        throw new ServiceException(ErrorCode.PATH_NOT_FOUND, "device " + deviceId + " has no "
                + (ParameterPaths.isObject(path) ? "object " : "parameter ") + path);
    }

    private boolean has(String path) {
        if (!ParameterPaths.isObject(path)) {
            return parameters.containsKey(path);
        }
        // an object exists when it is stored itself or anything is stored under it
        String first = parameters.ceilingKey(path);
        return first != null && first.startsWith(path);
    }
}
