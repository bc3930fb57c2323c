package io.lodestar.acs.profiles.service;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsReader;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code profiles.*} settings: how phones resyncing their profile over HTTP are served.
 *
 * @param autoRegister        whether a phone unknown to the store is registered on its first resync (false: 404)
 * @param maxConcurrentBuilds profiles built at once; more requests get 503 with Retry-After
 * @param retryAfter          the Retry-After of that 503
 * @param maxStatusBytes      the largest status report a phone may POST; larger ones get 413
 * @param keyFile             the file holding the master key profile keys are sealed under (a cluster's nodes
 *                            share it, e.g. a mounted secret; it must exist), or null: {@code <store.path>/profile.key},
 *                            created on first start
 */
public record ProfileSettings(boolean autoRegister, int maxConcurrentBuilds, Duration retryAfter, int maxStatusBytes,
                              java.nio.file.Path keyFile) {

    public ProfileSettings(boolean autoRegister, int maxConcurrentBuilds, Duration retryAfter, int maxStatusBytes) {
        this(autoRegister, maxConcurrentBuilds, retryAfter, maxStatusBytes, null);
    }

    /** The keys this module owns, with their defaults. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting("profiles.auto-register", "false",
                    "register a phone unknown to the store on its first profile resync (false: answer 404)"),
            new Setting("profiles.max-concurrent-builds", "16",
                    "phone profiles rendered and encrypted at once; more requests get 503 with Retry-After"),
            new Setting("profiles.retry-after", "30s", "the Retry-After sent with that 503"),
            new Setting("profiles.max-status-bytes", "65536",
                    "largest status report a phone may POST with its resync; larger ones get 413"),
            new Setting("profiles.key-file", "",
                    "the profile master key file (32 bytes, or 64 hex digits), the same on every node, e.g. a mounted "
                            + "secret; it must exist (empty: <store.path>/profile.key, made on first start)"));

    public ProfileSettings {
        if (maxConcurrentBuilds < 1) {
            throw new IllegalArgumentException("setting 'profiles.max-concurrent-builds' must be at least 1");
        }
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("setting 'profiles.retry-after' must be positive");
        }
        if (maxStatusBytes < 0) {
            throw new IllegalArgumentException("setting 'profiles.max-status-bytes' must be 0 or more");
        }
    }

    /** Reads the {@code profiles.*} keys; a bad value is refused naming its key. */
    public static ProfileSettings from(SettingsReader s) {
        return new ProfileSettings(s.bool("profiles.auto-register"),
                s.integer("profiles.max-concurrent-builds", 1, 100_000), s.positiveDuration("profiles.retry-after"),
                s.integer("profiles.max-status-bytes", 0, 16 * 1024 * 1024),
                s.string("profiles.key-file").isBlank() ? null : java.nio.file.Path.of(s.string("profiles.key-file").trim()));
    }

    /** The defaults with some keys given (tests and embedding); unknown keys are refused. */
    public static ProfileSettings from(Map<String, String> given) {
        return from(SettingsReader.of(SETTINGS, given));
    }

    public ProfileServiceOptions serviceOptions() {
        return new ProfileServiceOptions(maxConcurrentBuilds, retryAfter, maxStatusBytes);
    }
}
