package io.lodestar.acs.core.device;

import io.lodestar.acs.core.parameter.Parameter;

import java.util.Map;
import java.util.Objects;

/** A device with all its stored parameters, keyed by path: what a session starts from. */
public record DeviceSnapshot(Device device, Map<String, Parameter> parameters) {

    public DeviceSnapshot {
        Objects.requireNonNull(device, "device");
        parameters = Map.copyOf(parameters);
    }
}
