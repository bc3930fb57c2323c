package io.lodestar.acs.stun;

import java.util.Map;
import java.util.Optional;

/**
 * Where the STUN server finds the STUNPassword of a STUNUsername (the ACS set both on the device, see
 * {@link StunPolicy}). Asked on the STUN server's event loop for every Binding Request that names a USERNAME:
 * an implementation answers from memory (a cache in front of the store), never blocks on I/O.
 */
@FunctionalInterface
public interface StunCredentials {

    /** The password, or empty when this username has none known. */
    Optional<String> passwordOf(String stunUsername);

    /** Knows no one: every Binding Request is answered unauthenticated (unless integrity is required). */
    static StunCredentials none() {
        return username -> Optional.empty();
    }

    /** A fixed table (tests, small deployments). */
    static StunCredentials of(Map<String, String> passwords) {
        Map<String, String> copy = Map.copyOf(passwords);
        return username -> Optional.ofNullable(copy.get(username));
    }
}
