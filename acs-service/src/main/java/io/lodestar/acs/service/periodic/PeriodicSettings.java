package io.lodestar.acs.service.periodic;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code periodic.*} settings: whether the ACS spreads its devices' periodic Informs over the interval
 * ({@link PeriodicInformPolicy}, docs/periodic-spread.md).
 *
 * @param spread   give each device a PeriodicInformTime of its own after its {@code 0 BOOTSTRAP} session
 * @param interval the PeriodicInformInterval to set with it (PeriodicInformEnable true too); zero: keep the
 *                 interval each device reported
 */
public record PeriodicSettings(boolean spread, Duration interval) {

    /** The keys this module owns, with their defaults. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting("periodic.spread", "off",
                    "on: after a device's 0 BOOTSTRAP session the ACS sets ManagementServer.PeriodicInformTime to an "
                            + "offset of its own (a stable hash of its id modulo the interval), so that a fleet's "
                            + "periodic Informs are spread over the interval instead of arriving together; off: leaves it"),
            new Setting("periodic.interval", "0s",
                    "with periodic.spread=on: the PeriodicInformInterval to set as well (with PeriodicInformEnable=true); "
                            + "0s: keep the interval each device reports"));

    public static final PeriodicSettings OFF = new PeriodicSettings(false, Duration.ZERO);

    public PeriodicSettings {
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("setting 'periodic.interval' must be 0s or positive");
        }
        if (!interval.isZero() && (interval.toSeconds() < 1 || interval.toSeconds() > PeriodicInformPolicy.MAX_INTERVAL_SECONDS
                || interval.toNanos() % 1_000_000_000L != 0)) {
            throw new IllegalArgumentException("setting 'periodic.interval' must be whole seconds, 1s to "
                    + PeriodicInformPolicy.MAX_INTERVAL_SECONDS + "s, not " + interval);
        }
    }

    /** Reads the {@code periodic.*} keys; a bad value is refused naming its key. */
    public static PeriodicSettings from(SettingsReader s) {
        boolean spread = switch (s.string("periodic.spread").trim().toLowerCase(Locale.ROOT)) {
            case "off", "false", "" -> false;
            case "on", "true" -> true;
            default -> throw new SettingsException("periodic.spread",
                    "setting 'periodic.spread' is on or off, not '" + s.string("periodic.spread") + "'");
        };
        Duration interval = s.duration("periodic.interval");
        try {
            return new PeriodicSettings(spread, interval);
        } catch (IllegalArgumentException e) {
            throw new SettingsException("periodic.interval", e.getMessage());
        }
    }
}
