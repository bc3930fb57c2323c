package io.lodestar.acs.service;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.parameter.Parameter;

import java.util.List;
import java.util.Objects;

/** A device's summary with the stored parameters under a prefix, in path order. */
public record DeviceDetails(Device device, List<Parameter> parameters) {

    public DeviceDetails {
        Objects.requireNonNull(device, "device");
        parameters = List.copyOf(parameters);
    }
}
