package io.lodestar.acs.core.device;

import java.util.Objects;

/** A device's identity in Lodestar, e.g. {@code 202BC1-BM632w-8KA8WA1151100043}. */
public record DeviceId(String value) implements Comparable<DeviceId> {

    public DeviceId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > 512) {
            throw new IllegalArgumentException("a device id has 1 to 512 characters");
        }
    }

    @Override
    public int compareTo(DeviceId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
