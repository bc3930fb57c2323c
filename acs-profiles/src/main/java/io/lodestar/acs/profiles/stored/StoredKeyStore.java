package io.lodestar.acs.profiles.stored;

import io.lodestar.acs.profiles.crypto.KeyRef;
import io.lodestar.acs.profiles.crypto.SealedKeyStore;
import io.lodestar.acs.store.ProfileStore;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Sealed profile keys in the store (sealed by {@code ProfileKeys} before they get here). */
public final class StoredKeyStore implements SealedKeyStore {

    private final ProfileStore store;

    public StoredKeyStore(ProfileStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Optional<byte[]> find(KeyRef ref) {
        return store.findProfileKey(scope(ref), ref.owner());
    }

    @Override
    public void put(KeyRef ref, byte[] sealed) {
        store.putProfileKey(scope(ref), ref.owner(), sealed);
    }

    @Override
    public void remove(KeyRef ref) {
        store.deleteProfileKey(scope(ref), ref.owner());
    }

    private static String scope(KeyRef ref) {
        return ref.scope().name().toLowerCase(Locale.ROOT);
    }
}
