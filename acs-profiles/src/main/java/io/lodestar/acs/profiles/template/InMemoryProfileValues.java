package io.lodestar.acs.profiles.template;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link ProfileValues} in a map: lost at restart. For tests, and until the merger provides a stored implementation. */
public final class InMemoryProfileValues implements ProfileValues {

    /** A profile field, not a file: longer values are refused. */
    public static final int MAX_VALUE_LENGTH = 8192;

    private record Key(ValueScope scope, String owner, String name) {
    }

    private final ConcurrentMap<Key, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> find(ValueScope scope, String owner, String name) {
        return Optional.ofNullable(values.get(new Key(scope, owner, name)));
    }

    /** @throws IllegalArgumentException when the name is not a value name */
    public InMemoryProfileValues set(ValueScope scope, String owner, String name, String value) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(value, "value");
        if (!TemplateParser.VALUE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a value name (letters, digits, . _ -; at most 128)");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("value '" + name + "' is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        values.put(new Key(scope, owner, name), value);
        return this;
    }

    public void remove(ValueScope scope, String owner, String name) {
        values.remove(new Key(scope, owner, name));
    }
}
