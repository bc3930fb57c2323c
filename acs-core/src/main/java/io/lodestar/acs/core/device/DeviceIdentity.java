package io.lodestar.acs.core.device;

import io.lodestar.acs.core.rpc.DeviceIdStruct;

import java.time.Instant;
import java.util.Objects;

/**
 * Who a device is.
 *
 * @param id             the device's identity in Lodestar
 * @param deviceIdStruct the DeviceId the device last reported (null when pre-registered by an operator)
 * @param registeredAt   when the device became known
 */
public record DeviceIdentity(DeviceId id, DeviceIdStruct deviceIdStruct, Instant registeredAt) {

    public DeviceIdentity {
        Objects.requireNonNull(id, "id");
    }
}
