package io.lodestar.acs.store;

import io.lodestar.acs.core.access.ApiToken;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Operators' API tokens (hashed: see {@link ApiToken}). A concern of its own beside {@link AcsStore}, with its own
 * contract suite; an engine may implement both on one storage. Writes are durable when they return. Every method
 * may throw {@link StoreUnavailableException}.
 */
public interface TokenStore {

    /** Stores a new token; refuses (IllegalArgumentException) an id already stored. */
    void addToken(ApiToken token);

    /** The token with this id, revoked or not; empty when unknown. */
    Optional<ApiToken> findToken(String id);

    /** Every token, revoked ones included, in creation order (then id). */
    List<ApiToken> tokens();

    /** Revokes the token (keeping the first revocation time); the revoked token, or empty when unknown. */
    Optional<ApiToken> revokeToken(String id, Instant now);
}
