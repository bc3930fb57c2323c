package io.lodestar.acs.server.cli;

import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.Settings;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options every command that touches the store shares, so that {@code run}, {@code devices} and
 * {@code task} see the same store: a properties file, the embedded store's directory and any setting, layered
 * over the environment ({@code LODESTAR_*}) and the defaults.
 */
final class SettingsOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file (default: ./lodestar.properties when it exists).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory of the embedded store (store.path, default ./data).")
    Path data;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any setting, e.g. -s store.type=cassandra or -s session.auto-register=false.")
    Map<String, String> settings = new LinkedHashMap<>();

    /**
     * The configuration from the file, the environment and these options, {@code more} (a command's own
     * flags) last.
     *
     * @throws io.lodestar.acs.server.config.ConfigException for an unknown or invalid setting
     */
    AcsConfig load(Map<String, String> more) {
        return AcsConfig.from(Settings.load(configFile(), System.getenv(), flags(more)));
    }

    private Path configFile() {
        if (config != null) {
            return config;
        }
        Path local = Path.of("lodestar.properties");
        return Files.isRegularFile(local) ? local : null;
    }

    private Map<String, String> flags(Map<String, String> more) {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        if (data != null) {
            flags.put("store.path", data.toString());
        }
        flags.putAll(more);
        return flags;
    }
}
