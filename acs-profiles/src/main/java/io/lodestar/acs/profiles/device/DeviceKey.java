package io.lodestar.acs.profiles.device;

import java.util.Objects;

/**
 * How a phone that resyncs over HTTP names itself: by MAC address (User-Agent, {@code $MA} paths) or by serial
 * number ({@code $SN} paths). The merger's {@link ProfileDevices} finds the stored device from it.
 */
public sealed interface DeviceKey {

    record ByMac(MacAddress mac) implements DeviceKey {
        public ByMac {
            Objects.requireNonNull(mac, "mac");
        }

        @Override
        public String toString() {
            return "MAC " + mac.hex();
        }
    }

    record BySerial(String serialNumber) implements DeviceKey {
        public BySerial {
            Objects.requireNonNull(serialNumber, "serialNumber");
            if (serialNumber.isBlank()) {
                throw new IllegalArgumentException("a serial number is not blank");
            }
        }

        @Override
        public String toString() {
            return "serial " + serialNumber;
        }
    }
}
