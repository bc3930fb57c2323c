package io.lodestar.acs.core.session;

/**
 * What a device model is known to get wrong, and how the ACS works around it (a {@link QuirkTable} entry).
 * Null or default fields change nothing.
 *
 * @param discovery              how to walk its data model, overriding {@code session.discovery}
 *                               ({@link DiscoveryMode#LEVEL_BY_LEVEL} for a CPE with GetParameterNames depth or
 *                               NextLevel trouble); null: the setting
 * @param valuesPerRequest       names one discovery GetParameterValues asks for, overriding
 *                               {@code session.values-per-request}; null: the setting
 * @param writableFlagsUnreliable the Writable flags it reports lie: they are stored as unknown, so a set is not
 *                               refused before the device itself is asked
 * @param noParameterKeyEcho     it does not update ManagementServer.ParameterKey after a SetParameterValues: the
 *                               ACS stores the key it sent as the device's ParameterKey
 * @param noCookies              it returns no HTTP cookie (the endpoint then finds the session by its connection)
 */
public record DeviceQuirks(DiscoveryMode discovery, Integer valuesPerRequest, boolean writableFlagsUnreliable,
                           boolean noParameterKeyEcho, boolean noCookies) {

    public static final DeviceQuirks NONE = new DeviceQuirks(null, null, false, false, false);

    public DeviceQuirks {
        if (valuesPerRequest != null && valuesPerRequest < 1) {
            throw new IllegalArgumentException("valuesPerRequest must be at least 1");
        }
    }

    /** These quirks with {@code later}'s set fields over them (later entries of the table win). */
    DeviceQuirks overriddenBy(DeviceQuirks later) {
        return new DeviceQuirks(later.discovery != null ? later.discovery : discovery,
                later.valuesPerRequest != null ? later.valuesPerRequest : valuesPerRequest,
                writableFlagsUnreliable || later.writableFlagsUnreliable,
                noParameterKeyEcho || later.noParameterKeyEcho, noCookies || later.noCookies);
    }

    public boolean isNone() {
        return equals(NONE);
    }
}
