package io.lodestar.acs.store;

import java.util.Objects;

/** Names one profile value: its scope, its owner (a device id, a tag, a product class) and its name. */
public record ProfileValueKey(Scope scope, String owner, String name) {

    /** Where an operator set a value (a device's wins over a tag's, a tag's over a product class's). */
    public enum Scope {
        DEVICE, TAG, PRODUCT_CLASS
    }

    public ProfileValueKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        if (owner.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("a profile value has an owner and a name");
        }
    }
}
