package io.lodestar.acs.profiles.crypto;

import java.util.Objects;

/**
 * Names a profile key: the template's ({@code owner} is the template name) or the device's ({@code owner} is the
 * device id). Its {@link #context()} is authenticated when the key is sealed, binding the sealed bytes to the entry.
 */
public record KeyRef(KeyScope scope, String owner) {

    public KeyRef {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(owner, "owner");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("a profile key belongs to a named template or device");
        }
    }

    public String context() {
        return "lodestar-profile-key:" + scope.name().toLowerCase(java.util.Locale.ROOT) + ":" + owner;
    }
}
