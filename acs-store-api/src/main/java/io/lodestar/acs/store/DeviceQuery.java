package io.lodestar.acs.store;

import io.lodestar.acs.core.device.Device;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The searches operators run over devices. Every criterion is optional (null or empty: any); a device
 * matches when it meets all the criteria given.
 *
 * @param productClass    DeviceId ProductClass, exactly
 * @param softwareVersion DeviceInfo.SoftwareVersion as last reported, exactly
 * @param tag             an operator tag the device carries
 * @param informedAfter   last Inform at or after this instant
 * @param informedBefore  last Inform before this instant (devices that never informed do not match)
 * @param parameters      parameter path to value: the device's stored value of each equals the given one
 *                        exactly; every path must be one the store indexes ({@link IndexedParameters}), and a
 *                        parameter stored without a value matches no value
 */
public record DeviceQuery(String productClass, String softwareVersion, String tag, Instant informedAfter,
                          Instant informedBefore, SortedMap<String, String> parameters) {

    public static final DeviceQuery ALL = new DeviceQuery(null, null, null, null, null, new TreeMap<>());

    public DeviceQuery {
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey(), "parameter path"),
                    Objects.requireNonNull(e.getValue(), "parameter value"));
        }
        parameters = Collections.unmodifiableSortedMap(copy);
    }

    public DeviceQuery withProductClass(String value) {
        return new DeviceQuery(Objects.requireNonNull(value), softwareVersion, tag, informedAfter, informedBefore,
                parameters);
    }

    public DeviceQuery withSoftwareVersion(String value) {
        return new DeviceQuery(productClass, Objects.requireNonNull(value), tag, informedAfter, informedBefore,
                parameters);
    }

    public DeviceQuery withTag(String value) {
        return new DeviceQuery(productClass, softwareVersion, Objects.requireNonNull(value), informedAfter,
                informedBefore, parameters);
    }

    public DeviceQuery informedBetween(Instant after, Instant before) {
        return new DeviceQuery(productClass, softwareVersion, tag, after, before, parameters);
    }

    /** Adds (or replaces) the criterion that parameter {@code path} has the value {@code value}. */
    public DeviceQuery withParameter(String path, String value) {
        TreeMap<String, String> more = new TreeMap<>(parameters);
        more.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(value, "value"));
        return new DeviceQuery(productClass, softwareVersion, tag, informedAfter, informedBefore, more);
    }

    /** Whether a device's summary meets every criterion on the summary (all but {@link #parameters}). */
    public boolean matches(Device d) {
        String pc = d.deviceIdStruct() == null ? null : d.deviceIdStruct().productClass();
        return (productClass == null || productClass.equals(pc))
                && (softwareVersion == null || softwareVersion.equals(d.softwareVersion()))
                && (tag == null || d.tags().contains(tag))
                && (informedAfter == null || (d.lastInformAt() != null && !d.lastInformAt().isBefore(informedAfter)))
                && (informedBefore == null || (d.lastInformAt() != null && d.lastInformAt().isBefore(informedBefore)));
    }

    /**
     * Whether a device's parameters meet every parameter criterion, given its stored value of a path (null
     * when it has no such parameter or the parameter has no value).
     */
    public boolean matchesParameters(Function<String, String> storedValue) {
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (!e.getValue().equals(storedValue.apply(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
