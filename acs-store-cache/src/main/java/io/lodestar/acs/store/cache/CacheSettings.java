package io.lodestar.acs.store.cache;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsReader;

import java.util.List;

/**
 * The read cache's settings.
 *
 * @param maxBytes the cache's size, in bytes of heap it may hold (an estimate per entry, {@code store.cache-max-bytes});
 *                 0: no cache
 */
public record CacheSettings(long maxBytes) {

    public static final List<Setting> SETTINGS = List.of(
            new Setting("store.cache-max-bytes", "auto",
                    "read cache size, in bytes of heap (auto: a fifth of the heap; 0 turns the cache off)"));

    public static CacheSettings from(SettingsReader s) {
        return new CacheSettings(s.parsed("store.cache-max-bytes", CacheSettings::bytes));
    }

    /** A fifth of the heap: the rest stays for sessions (their Informs and answers) and the store engine. */
    public static long defaultMaxBytes() {
        return Runtime.getRuntime().maxMemory() / 5;
    }

    private static long bytes(String v) {
        if (v.trim().equalsIgnoreCase("auto")) {
            return defaultMaxBytes();
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number of bytes or auto, not " + v);
        }
        if (n < 0) {
            throw new IllegalArgumentException("must not be negative, not " + v);
        }
        return n;
    }

    public boolean enabled() {
        return maxBytes > 0;
    }
}
