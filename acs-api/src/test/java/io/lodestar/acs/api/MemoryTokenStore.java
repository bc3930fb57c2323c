package io.lodestar.acs.api;

import io.lodestar.acs.core.access.ApiToken;
import io.lodestar.acs.store.TokenStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A TokenStore in memory, until the store engines implement it (branch tokens). */
public final class MemoryTokenStore implements TokenStore {

    private final Map<String, ApiToken> tokens = new ConcurrentHashMap<>();

    @Override
    public void addToken(ApiToken token) {
        if (tokens.putIfAbsent(token.id(), token) != null) {
            throw new IllegalArgumentException("token " + token.id() + " exists");
        }
    }

    @Override
    public Optional<ApiToken> findToken(String id) {
        return Optional.ofNullable(tokens.get(id));
    }

    @Override
    public List<ApiToken> tokens() {
        List<ApiToken> all = new ArrayList<>(tokens.values());
        all.sort(Comparator.comparing(ApiToken::createdAt).thenComparing(ApiToken::id));
        return all;
    }

    @Override
    public Optional<ApiToken> revokeToken(String id, Instant now) {
        return Optional.ofNullable(tokens.computeIfPresent(id, (k, t) -> t.revoked(now)));
    }
}
