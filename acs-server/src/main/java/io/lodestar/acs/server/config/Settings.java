package io.lodestar.acs.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration as layered key/value settings: built-in defaults, then the config file, then environment
 * variables ({@code LODESTAR_CWMP_PORT} for {@code cwmp.port}), then command-line flags, each layer
 * overriding the one before. Typed getters fail with a message that names the key and the bad value.
 */
public final class Settings {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Layers the sources.
     *
     * @param configFile a properties file, or null for none
     * @param environment the process environment (only {@code LODESTAR_*} entries that name a known key are used)
     * @param flags      settings given on the command line
     */
    public static Settings load(Path configFile, Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> merged = new LinkedHashMap<>(Defaults.VALUES);
        if (configFile != null) {
            merged.putAll(readFile(configFile));
        }
        for (String key : Defaults.VALUES.keySet()) {
            String fromEnv = environment.get(envName(key));
            if (fromEnv != null) {
                merged.put(key, fromEnv);
            }
        }
        merged.putAll(flags);
        for (String key : merged.keySet()) {
            if (!Defaults.VALUES.containsKey(key)) {
                throw new ConfigException("unknown setting '" + key + "'; known settings: "
                        + String.join(", ", Defaults.VALUES.keySet()));
            }
        }
        return new Settings(merged);
    }

    /** The environment variable for a key: {@code cwmp.max-body-bytes} is {@code LODESTAR_CWMP_MAX_BODY_BYTES}. */
    public static String envName(String key) {
        return "LODESTAR_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> readFile(Path file) {
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

    public String string(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new ConfigException("setting '" + key + "' is missing");
        }
        return v;
    }

    public int integer(String key, int min, int max) {
        String v = string(key);
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new ConfigException("setting '" + key + "' must be between " + min + " and " + max + ", not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException("setting '" + key + "' must be a whole number, not '" + v + "'");
        }
    }

    public boolean bool(String key) {
        String v = string(key).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException("setting '" + key + "' must be true or false, not '" + v + "'");
        };
    }

    /** A duration such as {@code 30s}, {@code 500ms}, {@code 5m}, {@code 1h}, {@code 7d} (a bare number is seconds). */
    public Duration duration(String key) {
        String v = string(key);
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new ConfigException("setting '" + key + "' must be a duration like 30s, 5m or 1h, not '" + v + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        String v = string(key);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder known = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                known.append(known.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new ConfigException("setting '" + key + "' must be one of " + known + ", not '" + v + "'");
        }
    }

    /** All settings with their effective values, for the start-up log (no secrets are kept here yet). */
    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
