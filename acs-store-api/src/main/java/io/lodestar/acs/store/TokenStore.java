package io.lodestar.acs.store;

import io.lodestar.acs.core.access.ApiToken;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Operators' API tokens (hashed: see {@link ApiToken}). A concern of its own beside {@link AcsStore}, with its own
 * contract suite; an engine may implement both on one storage. Writes are durable when they return. Every method
 * may throw {@link StoreUnavailableException}.
 */
public interface TokenStore {

    /** The order of {@link #tokens()}: creation time, then id. */
    Comparator<ApiToken> CREATION_ORDER = Comparator.comparing(ApiToken::createdAt).thenComparing(ApiToken::id);

    /**
     * Stores a new token; refuses (IllegalArgumentException) a token with an empty id, and an id already stored
     * with another token (other fields, or revoked since). Adding the very token stored (equal in every field,
     * the hash included) again changes nothing: that is a retry of an add whose outcome was unknown (it failed
     * with {@link StoreUnavailableException}, e.g. a timeout, and may have been stored), and it settles it.
     */
    void addToken(ApiToken token);

    /** The token with this id, revoked or not; empty when unknown. */
    Optional<ApiToken> findToken(String id);

    /** Every token, revoked ones included, in creation order (then id). */
    List<ApiToken> tokens();

    /** Revokes the token (keeping the first revocation time); the revoked token, or empty when unknown. */
    Optional<ApiToken> revokeToken(String id, Instant now);
}
