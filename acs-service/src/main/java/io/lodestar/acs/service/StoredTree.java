package io.lodestar.acs.service;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.parameter.ParameterPaths;
import io.lodestar.acs.datamodel.ObjectSpec;
import io.lodestar.acs.datamodel.ParameterSpec;
import io.lodestar.acs.datamodel.StandardModels;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * A device's data model as the store holds it, for checking the paths of a request, beside the standard model its
 * paths are read against ({@link StandardModels}: TR-181 Device:1 when the device reports a
 * {@code Device.DeviceSummary}, which only Device:1 has; Device:2 otherwise). Until the device's data
 * model has been learned completely ({@link io.lodestar.acs.core.device.Device#discoveredAt()} unset: a device
 * registered ahead of its first Inform, or one whose discovery has not finished) the store's tree is partial, so
 * a path it lacks is not proof that the device lacks it: such a path is accepted, and the device will answer.
 */
final class StoredTree {

    private final DeviceId deviceId;
    private final boolean complete;
    private final NavigableMap<String, Parameter> parameters;
    private final StandardModels models;
    private final StandardModels.Root root;

    private StoredTree(DeviceId deviceId, boolean complete, NavigableMap<String, Parameter> parameters,
                       StandardModels models) {
        this.deviceId = deviceId;
        this.complete = complete;
        this.parameters = parameters;
        this.models = models;
        this.root = parameters.containsKey("Device.DeviceSummary") ? StandardModels.Root.DEVICE_1
                : StandardModels.Root.DEVICE_2;
    }

    static StoredTree of(DeviceSnapshot snapshot, StandardModels models) {
        return new StoredTree(snapshot.device().id(), snapshot.device().discoveredAt() != null,
                snapshot.parameters(), models); // a view of the persistent tree, in path order: no copy
    }

    DeviceId deviceId() {
        return deviceId;
    }

    /** The stored parameter (or object) with exactly this path. */
    Optional<Parameter> parameter(String path) {
        return Optional.ofNullable(parameters.get(path));
    }

    /** The standard definition of the parameter at this path, when the path is standard. */
    Optional<ParameterSpec> standard(String path) {
        return models == null ? Optional.empty() : models.parameter(path, root);
    }

    /** The standard definition of the object at this path, when the path is standard. */
    Optional<ObjectSpec> standardObject(String path) {
        return models == null ? Optional.empty() : models.object(path, root);
    }

    /**
     * The parameter {@code relative} of some stored instance of the table {@code table} ({@code Device.NAT.PortMapping.}
     * and {@code Enable}: {@code Device.NAT.PortMapping.3.Enable}): what a new instance's parameter is likely to be.
     */
    Optional<Parameter> inAnyInstance(String table, String relative) {
        for (Map.Entry<String, Parameter> e : parameters.subMap(table, true, table + Character.MAX_VALUE, false)
                .entrySet()) {
            String rest = e.getKey().substring(table.length());
            int dot = rest.indexOf('.');
            if (dot > 0 && rest.substring(dot + 1).equals(relative)
                    && rest.substring(0, dot).chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
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
