package io.lodestar.acs.server.config;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Configuration as layered key/value settings: the modules' defaults ({@link AcsConfig#SETTINGS}), then the config
 * file, then environment variables ({@code LODESTAR_CWMP_PORT} for {@code cwmp.port}), then command-line flags,
 * each layer overriding the one before. Reads of the result fail with a message that names the key and the bad
 * value.
 */
public final class Settings {

    private Settings() {}

    /**
     * Layers the sources.
     *
     * @param configFile  a properties file, or null for none
     * @param environment the process environment (only {@code LODESTAR_*} entries that name a known key are used)
     * @param flags       settings given on the command line
     * @throws ConfigException for an unreadable file or an unknown key
     */
    public static SettingsReader load(Path configFile, Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> given = new LinkedHashMap<>();
        if (configFile != null) {
            given.putAll(readFile(configFile));
        }
        for (Setting setting : AcsConfig.SETTINGS) {
            String fromEnv = environment.get(envName(setting.key()));
            if (fromEnv != null) {
                given.put(setting.key(), fromEnv);
            }
        }
        given.putAll(flags);
        try {
            return SettingsReader.of(AcsConfig.SETTINGS, given);
        } catch (SettingsException e) {
            throw new ConfigException(e);
        }
    }

    /** The environment variable for a key: {@code cwmp.max-body-bytes} is {@code LODESTAR_CWMP_MAX_BODY_BYTES}. */
    public static String envName(String key) {
        return "LODESTAR_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A properties file's entries, keys and values trimmed. */
    public static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> out.put(k.trim(), properties.getProperty(k).trim()));
        return out;
    }
}
