package io.lodestar.acs.server;

import io.lodestar.acs.core.access.ApiToken;
import io.lodestar.acs.store.TokenStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** API tokens kept in memory, for an API started by a test over a store engine that keeps none yet. */
final class InMemoryTokens implements TokenStore {

    private final Map<String, ApiToken> tokens = new LinkedHashMap<>();

    @Override
    public synchronized void addToken(ApiToken token) {
        if (tokens.putIfAbsent(token.id(), token) != null) {
            throw new IllegalArgumentException("token id " + token.id() + " is taken");
        }
    }

    @Override
    public synchronized Optional<ApiToken> findToken(String id) {
        return Optional.ofNullable(tokens.get(id));
    }

    @Override
    public synchronized List<ApiToken> tokens() {
        return new ArrayList<>(tokens.values());
    }

    @Override
    public synchronized Optional<ApiToken> revokeToken(String id, Instant now) {
        return Optional.ofNullable(tokens.computeIfPresent(id, (k, t) -> t.revoked(now)));
    }
}
