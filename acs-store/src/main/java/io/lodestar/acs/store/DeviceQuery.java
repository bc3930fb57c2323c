package io.lodestar.acs.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The searches operators run over devices. Every criterion is optional (null: any); a device matches when
 * it meets all the criteria given.
 *
 * @param productClass    DeviceId ProductClass, exactly
 * @param softwareVersion DeviceInfo.SoftwareVersion as last reported, exactly
 * @param tag             an operator tag the device carries
 * @param informedAfter   last Inform at or after this instant
 * @param informedBefore  last Inform before this instant (devices that never informed do not match)
 */
public record DeviceQuery(String productClass, String softwareVersion, String tag, Instant informedAfter,
                          Instant informedBefore) {

    public static final DeviceQuery ALL = new DeviceQuery(null, null, null, null, null);

    public DeviceQuery withProductClass(String value) {
        return new DeviceQuery(Objects.requireNonNull(value), softwareVersion, tag, informedAfter, informedBefore);
    }

    public DeviceQuery withSoftwareVersion(String value) {
        return new DeviceQuery(productClass, Objects.requireNonNull(value), tag, informedAfter, informedBefore);
    }

    public DeviceQuery withTag(String value) {
        return new DeviceQuery(productClass, softwareVersion, Objects.requireNonNull(value), informedAfter,
                informedBefore);
    }

    public DeviceQuery informedBetween(Instant after, Instant before) {
        return new DeviceQuery(productClass, softwareVersion, tag, after, before);
    }

    /** Whether a device's summary meets every criterion. */
    public boolean matches(io.lodestar.acs.core.device.Device d) {
        String pc = d.deviceIdStruct() == null ? null : d.deviceIdStruct().productClass();
        return (productClass == null || productClass.equals(pc))
                && (softwareVersion == null || softwareVersion.equals(d.softwareVersion()))
                && (tag == null || d.tags().contains(tag))
                && (informedAfter == null || (d.lastInformAt() != null && !d.lastInformAt().isBefore(informedAfter)))
                && (informedBefore == null || (d.lastInformAt() != null && d.lastInformAt().isBefore(informedBefore)));
    }
}
