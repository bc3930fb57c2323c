package io.lodestar.acs.store.cache;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsReader;

import java.util.List;

/**
 * The read cache's settings.
 *
 * @param maxParameters the cache's size, in parameters ({@code store.cache-max-parameters}); 0: no cache
 */
public record CacheSettings(long maxParameters) {

    public static final List<Setting> SETTINGS = List.of(
            new Setting("store.cache-max-parameters", "2000000",
                    "read cache size, in parameters (0 turns the cache off)"));

    public static CacheSettings from(SettingsReader s) {
        return new CacheSettings(s.integer("store.cache-max-parameters", 0, Integer.MAX_VALUE));
    }

    public boolean enabled() {
        return maxParameters > 0;
    }
}
