package io.lodestar.acs.profiles.template;

import io.lodestar.acs.profiles.device.MacAddress;
import io.lodestar.acs.profiles.device.ProfileDevice;

import java.util.Optional;
import java.util.function.Function;

/**
 * The macros of Cisco's profile rules (Cisco IP Phone MPP administration and provisioning guides, "Macro Expansion
 * Variables") that Lodestar can expand from what it knows of a device. Others ({@code $PRVST}, {@code $IP}, the
 * {@code $A}..{@code $P} general purpose parameters, ...) are left in the text unchanged, as the phone itself leaves
 * an unrecognised name, so the phone may expand them when it reads its profile rules.
 */
public enum Macro {
    /** MAC address, lower-case hex digits: 000e08aabbcc. */
    MA("MAC address (lower-case hex)", d -> Optional.ofNullable(d.mac()).map(MacAddress::lowerHex)),
    /** MAC address, upper-case hex digits: 000E08AABBCC. */
    MAU("MAC address (upper-case hex)", d -> Optional.ofNullable(d.mac()).map(MacAddress::upperHex)),
    /** MAC address, lower-case with colons: 00:0e:08:aa:bb:cc. */
    MAC("MAC address (with colons)", d -> Optional.ofNullable(d.mac()).map(MacAddress::colonSeparated)),
    /** Serial number: 88012BA01234. */
    SN("serial number", d -> Optional.ofNullable(d.serialNumber())),
    /** Product name: CP-8841-3PCC. */
    PN("product name", d -> Optional.ofNullable(d.productName())),
    /** Product series: 8841-3PCC. */
    PSN("product series", ProfileDevice::series),
    /** Software version: sip88xx.11-3-1MPP. */
    SWVER("software version", d -> Optional.ofNullable(d.softwareVersion())),
    /** Hardware version: 1.88.1. */
    HWVER("hardware version", d -> Optional.ofNullable(d.hardwareVersion()));

    private final String description;
    private final Function<ProfileDevice, Optional<String>> value;

    Macro(String description, Function<ProfileDevice, Optional<String>> value) {
        this.description = description;
        this.value = value;
    }

    public String description() {
        return description;
    }

    public Optional<String> valueFor(ProfileDevice device) {
        return value.apply(device);
    }

    /** The macro of this name (upper-case, as Cisco writes them), if Lodestar expands it. */
    public static Optional<Macro> named(String name) {
        for (Macro m : values()) {
            if (m.name().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
