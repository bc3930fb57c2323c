package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsReader;

import java.nio.file.Path;
import java.util.List;

/**
 * The embedded (RocksDB) store's settings.
 *
 * @param path the store's directory ({@code store.path})
 * @param sync whether every session's batch is synced to disk ({@code store.sync})
 */
public record EmbeddedStoreSettings(Path path, boolean sync) {

    public static final List<Setting> SETTINGS = List.of(
            new Setting("store.path", "./data", "the embedded store's directory"),
            new Setting("store.sync", "true",
                    "fsync every session's batch (turn off only for throwaway benchmarks)"));

    public static EmbeddedStoreSettings from(SettingsReader s) {
        return new EmbeddedStoreSettings(s.parsed("store.path", text -> Path.of(s.path("store.path"))),
                s.bool("store.sync"));
    }
}
