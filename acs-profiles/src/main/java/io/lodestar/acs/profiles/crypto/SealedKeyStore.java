package io.lodestar.acs.profiles.crypto;

import java.util.Optional;

/**
 * Where profile keys are kept, sealed (never in clear): the merger backs it with a store table; tests and a single
 * node may use {@link InMemorySealedKeyStore}.
 */
public interface SealedKeyStore {

    Optional<byte[]> find(KeyRef ref);

    void put(KeyRef ref, byte[] sealed);

    void remove(KeyRef ref);
}
