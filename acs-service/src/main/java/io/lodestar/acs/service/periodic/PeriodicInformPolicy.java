package io.lodestar.acs.service.periodic;

import io.lodestar.acs.service.NewValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Spreads a fleet's periodic Informs over the interval (issue 21 item 5; docs/periodic-spread.md). TR-069 devices
 * inform at ManagementServer.PeriodicInformTime plus or minus whole multiples of PeriodicInformInterval; a device
 * whose PeriodicInformTime is the unknown time informs an interval after its boot, so a fleet that booted together
 * (a power cut) keeps informing together, interval after interval. This policy gives each device its own phase: a
 * PeriodicInformTime of {@link #ANCHOR} plus an offset in [0, interval) derived from the device id alone (a 64-bit
 * hash of its UTF-8 bytes, modulo the interval), so
 * <ul>
 *   <li>the offsets of a fleet are uniform over the interval (the hash is well mixed), and</li>
 *   <li>a device's offset is stable: the same on every ACS node and after every bootstrap, so setting it again
 *       changes nothing.</li>
 * </ul>
 * Pure: no I/O; {@code PeriodicInformWiring} (acs-server) queues its values after a {@code 0 BOOTSTRAP} session.
 */
public final class PeriodicInformPolicy {

    /** The largest PeriodicInformInterval (an unsignedInt of seconds). */
    public static final long MAX_INTERVAL_SECONDS = 4_294_967_295L;
    /**
     * The reference the offsets count from: a midnight UTC, so that for an interval dividing a day (15 min, 1 h,
     * 24 h) a device's Informs fall at the same minutes past every hour or day.
     */
    public static final Instant ANCHOR = Instant.parse("2000-01-01T00:00:00Z");
    /** The ParameterKey of the policy's SetParameterValues. */
    public static final String PARAMETER_KEY = "lodestar-periodic";
    public static final String DEVICE = "Device.";
    public static final String IGD = "InternetGatewayDevice.";

    private final long intervalSeconds;

    /**
     * @param interval the interval to set on every device (with PeriodicInformEnable), or zero to keep each device's
     */
    public PeriodicInformPolicy(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.toSeconds() > MAX_INTERVAL_SECONDS) {
            throw new IllegalArgumentException("the interval is 0 (keep the device's) or 1 s to "
                    + MAX_INTERVAL_SECONDS + " s, not " + interval);
        }
        this.intervalSeconds = interval.toSeconds();
    }

    /** The policy of the settings (their interval, or the devices'). */
    public static PeriodicInformPolicy of(PeriodicSettings settings) {
        return new PeriodicInformPolicy(settings.interval());
    }

    /** The interval this policy sets, 0 when it keeps each device's. */
    public long intervalSeconds() {
        return intervalSeconds;
    }

    /**
     * The device's offset in the interval, in seconds: in [0, intervalSeconds), the same for the same id and
     * interval wherever and whenever computed.
     */
    public static long offsetSeconds(String deviceId, long intervalSeconds) {
        Objects.requireNonNull(deviceId, "deviceId");
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("the interval is at least 1 s, not " + intervalSeconds);
        }
        return Long.remainderUnsigned(hash(deviceId), intervalSeconds);
    }

    /** The device's PeriodicInformTime: {@link #ANCHOR} plus its offset. */
    public static Instant informTime(String deviceId, long intervalSeconds) {
        return ANCHOR.plusSeconds(offsetSeconds(deviceId, intervalSeconds));
    }

    /**
     * What to set on one device: PeriodicInformEnable, PeriodicInformInterval (when this policy names an interval)
     * and PeriodicInformTime, under {@code root}'s ManagementServer; empty when the policy keeps the device's
     * interval and the device reported none usable ({@code reportedInterval} null, not a number, or 0).
     *
     * @param root             {@code Device.} (TR-181) or {@code InternetGatewayDevice.} (TR-098)
     * @param deviceId         the device's id (what the offset is derived from)
     * @param reportedInterval the PeriodicInformInterval the device reported, or null
     */
    public List<NewValue> values(String root, String deviceId, String reportedInterval) {
        if (!DEVICE.equals(root) && !IGD.equals(root)) {
            throw new IllegalArgumentException("the data model root is Device. or InternetGatewayDevice., not '" + root + "'");
        }
        String ms = root + "ManagementServer.";
        if (intervalSeconds > 0) {
            return List.of(NewValue.of(ms + "PeriodicInformEnable", "true"),
                    NewValue.of(ms + "PeriodicInformInterval", Long.toString(intervalSeconds)),
                    NewValue.of(ms + "PeriodicInformTime", informTime(deviceId, intervalSeconds).toString()));
        }
        long reported = parse(reportedInterval);
        if (reported < 1) {
            return List.of();
        }
        return List.of(NewValue.of(ms + "PeriodicInformTime", informTime(deviceId, reported).toString()));
    }

    private static long parse(String value) {
        if (value == null) {
            return 0;
        }
        try {
            long v = Long.parseLong(value.trim());
            return v > MAX_INTERVAL_SECONDS ? 0 : v;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** FNV-1a over the UTF-8 bytes, then the SplitMix64 finalizer (FNV alone mixes the low bits of similar ids poorly). */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }
}
