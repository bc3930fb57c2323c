package io.lodestar.acs.profiles.crypto;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Sealed keys in a map: lost at restart; for tests and until the merger provides a stored implementation. */
public final class InMemorySealedKeyStore implements SealedKeyStore {

    private final ConcurrentMap<KeyRef, byte[]> sealed = new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> find(KeyRef ref) {
        return Optional.ofNullable(sealed.get(ref)).map(byte[]::clone);
    }

    @Override
    public void put(KeyRef ref, byte[] value) {
        sealed.put(ref, value.clone());
    }

    @Override
    public void remove(KeyRef ref) {
        sealed.remove(ref);
    }
}
