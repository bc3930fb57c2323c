package io.lodestar.acs.profiles.stored;

import io.lodestar.acs.profiles.template.ProfileValues;
import io.lodestar.acs.profiles.template.TemplateParser;
import io.lodestar.acs.profiles.template.ValueScope;
import io.lodestar.acs.store.ProfileStore;
import io.lodestar.acs.store.ProfileValueKey;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Operators' values from the store; setting one checks its name and length as the renderer expects them. */
public final class StoredProfileValues implements ProfileValues {

    /** A profile field, not a file: longer values are refused. */
    public static final int MAX_VALUE_LENGTH = 8192;

    private final ProfileStore store;

    public StoredProfileValues(ProfileStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Optional<String> find(ValueScope scope, String owner, String name) {
        return store.findProfileValue(key(scope, owner, name));
    }

    /** @throws IllegalArgumentException when the name is not a value name or the value too long */
    public void set(ValueScope scope, String owner, String name, String value) {
        Objects.requireNonNull(value, "value");
        if (name == null || !TemplateParser.VALUE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a value name (letters, digits, . _ -; at most 128)");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("value '" + name + "' is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        store.putProfileValue(key(scope, owner, name), value);
    }

    public boolean remove(ValueScope scope, String owner, String name) {
        return store.deleteProfileValue(key(scope, owner, name));
    }

    /**
     * Every value of the owner an operator set (or a phone's User-Agent told); entries whose name holds a ':'
     * (redirects, recorded problems: {@link StoredProfileRedirects}, {@link StoredProfileProblems}) are not values.
     */
    public Map<String, String> all(ValueScope scope, String owner) {
        Map<String, String> all = new java.util.TreeMap<>(
                store.profileValues(ProfileValueKey.Scope.valueOf(scope.name()), owner));
        all.keySet().removeIf(name -> name.indexOf(':') >= 0);
        return all;
    }

    private static ProfileValueKey key(ValueScope scope, String owner, String name) {
        return new ProfileValueKey(ProfileValueKey.Scope.valueOf(scope.name()), owner, name);
    }
}
