package io.lodestar.acs.service;

import io.lodestar.acs.core.device.Device;

import java.util.Objects;

/**
 * The outcome of registering a device.
 *
 * @param device  the device as stored
 * @param created whether this registration introduced it (false: it was known already, and is unchanged)
 */
public record Registration(Device device, boolean created) {

    public Registration {
        Objects.requireNonNull(device, "device");
    }
}
