package io.lodestar.acs.core.settings;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of settings given as text: the declared defaults overlaid with the given values. Every read that
 * cannot be used throws a {@link SettingsException} naming the key and the bad value. Where the text comes from
 * (a file, the environment, flags) is the caller's business; this class does no input or output.
 */
public final class SettingsReader {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private final Map<String, String> values;

    private SettingsReader(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * The declared settings' defaults, overlaid with {@code given}.
     *
     * @throws SettingsException for a given key that is not declared (a typo must not pass unnoticed)
     */
    public static SettingsReader of(List<Setting> declared, Map<String, String> given) {
        Map<String, String> merged = new LinkedHashMap<>();
        declared.forEach(s -> merged.put(s.key(), s.defaultValue()));
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!merged.containsKey(e.getKey())) {
                throw new SettingsException(e.getKey(), "unknown setting '" + e.getKey() + "'; known settings: "
                        + String.join(", ", declared.stream().map(Setting::key).toList()));
            }
            merged.put(e.getKey(), e.getValue());
        }
        return new SettingsReader(merged);
    }

    /** The declared settings' defaults alone. */
    public static SettingsReader defaults(List<Setting> declared) {
        return of(declared, Map.of());
    }

    public String string(String key) {
        String v = values.get(key);
        if (v == null) {
            // a module reading a key it did not declare: its own test of its defaults finds this
            throw new SettingsException(key, "setting '" + key + "' is missing");
        }
        return v;
    }

    public int integer(String key, int min, int max) {
        String v = string(key);
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw SettingsException.badValue(key, v, "must be a whole number");
        }
        if (n < min || n > max) {
            throw new SettingsException(key, "setting '" + key + "' must be between " + min + " and " + max
                    + ", not " + v);
        }
        return n;
    }

    public boolean bool(String key) {
        String v = string(key).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw SettingsException.badValue(key, v, "must be true or false");
        };
    }

    /** A duration such as {@code 30s}, {@code 500ms}, {@code 5m}, {@code 1h}, {@code 7d} (a bare number is seconds). */
    public Duration duration(String key) {
        String v = string(key);
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw SettingsException.badValue(key, v, "must be a duration like 30s, 5m or 1h");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw SettingsException.badValue(key, v, "must be a duration like 30s, 5m or 1h");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        try {
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        } catch (ArithmeticException e) {
            throw SettingsException.badValue(key, v, "must be a duration like 30s, 5m or 1h");
        }
    }

    /** A {@link #duration duration} longer than zero. */
    public Duration positiveDuration(String key) {
        Duration d = duration(key);
        if (d.isZero()) {
            throw new SettingsException(key, "setting '" + key + "' must be positive");
        }
        return d;
    }

    /** One of the enum's constants, written in lower case with {@code -} for {@code _} ({@code level-by-level}). */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        String v = string(key);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> known = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
            throw SettingsException.badValue(key, v, "must be one of " + String.join(", ", known));
        }
    }

    /** A comma-separated list; entries are trimmed and empty ones dropped (so an empty value is an empty list). */
    public List<String> list(String key) {
        return Arrays.stream(string(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A file system path, as text (turning it into a path is the reading module's business): not empty. */
    public String path(String key) {
        String v = string(key);
        if (v.isBlank() || v.indexOf('\0') >= 0) {
            throw SettingsException.badValue(key, v, "must be a path");
        }
        return v;
    }

    /**
     * A value read by a module's own parser; an {@link IllegalArgumentException} from it becomes a
     * {@link SettingsException} {@code setting 'KEY': MESSAGE}.
     */
    public <T> T parsed(String key, Function<String, T> parser) {
        String v = string(key);
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(key, "setting '" + key + "': " + e.getMessage());
        }
    }

    /** Every setting with its effective value. */
    public Map<String, String> asMap() {
        return values;
    }
}
