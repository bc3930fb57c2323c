package io.lodestar.acs.core.settings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One key a module accepts, with its default as it would be written in the properties file and a one-line
 * description. A module declares its settings as {@code public static final List<Setting> SETTINGS} next to the
 * {@code static X from(SettingsReader)} that reads them into its settings record.
 *
 * @param key          dotted, lower case, e.g. {@code cwmp.port}
 * @param defaultValue the default as text, e.g. {@code 30s} (may be empty)
 * @param description  what the setting does, one line
 */
public record Setting(String key, String defaultValue, String description) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(defaultValue, "defaultValue of " + key);
        Objects.requireNonNull(description, "description of " + key);
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a setting's key is dotted lower case like cwmp.port, not '" + key + "'");
        }
        if (description.isBlank() || description.contains("\n")) {
            throw new IllegalArgumentException("setting '" + key + "' needs a one-line description");
        }
    }

    /**
     * The settings of several modules as one list, in the order given.
     *
     * @throws IllegalArgumentException when two modules declare the same key (a key has one owner)
     */
    @SafeVarargs
    public static List<Setting> concat(List<Setting>... groups) {
        List<Setting> all = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (List<Setting> group : groups) {
            for (Setting s : group) {
                if (!keys.add(s.key())) {
                    throw new IllegalArgumentException("setting '" + s.key() + "' is declared twice");
                }
                all.add(s);
            }
        }
        return List.copyOf(all);
    }
}
