package io.lodestar.acs.store;

import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;

import java.util.Optional;

/**
 * The credentials CPEs must present to the ACS ({@link CpeCredential}: Digest HA1s, never a password), per device,
 * per OUI and product class, and for the fleet ({@link CpeCredentialScope}). A concern of its own beside
 * {@link AcsStore}, with its own contract suite. Writes are durable when they return. Every method may throw
 * {@link StoreUnavailableException}.
 */
public interface CpeCredentialStore {

    /** Sets the scope's credentials, replacing any. */
    void putCpeCredential(CpeCredentialScope scope, CpeCredential credential);

    /**
     * Sets the scope's credentials unless it has some: how a first start generates the fleet default once, even
     * when several ACS nodes start at once.
     *
     * @return true when stored, false when the scope had credentials (they are kept)
     */
    boolean putCpeCredentialIfAbsent(CpeCredentialScope scope, CpeCredential credential);

    /** The scope's own credentials (no fallback to a wider scope), empty when it has none. */
    Optional<CpeCredential> findCpeCredential(CpeCredentialScope scope);

    /** Removes the scope's credentials; false when it had none. */
    boolean deleteCpeCredential(CpeCredentialScope scope);
}
