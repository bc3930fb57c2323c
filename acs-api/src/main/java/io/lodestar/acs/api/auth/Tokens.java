package io.lodestar.acs.api.auth;

import io.lodestar.acs.core.access.ApiToken;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.store.TokenStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operators' API tokens: created (the text {@code lst_<id>_<secret>} shown once), checked, listed, revoked. The
 * store keeps the id and the SHA-256 of the secret only; a check compares hashes in constant time.
 */
public final class Tokens {

    public static final String PREFIX = "lst_";
    private static final int MAX_NAME = 100;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final TokenStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** When each token was last used on this node (not stored: a store write per request would cost too much). */
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();

    public Tokens(TokenStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new token and the text to hand to its holder (the only time the secret exists outside the holder). */
    public record Created(ApiToken token, String text) {}

    public Created create(String name, Set<TokenScope> scopes) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a token needs a name of 1 to " + MAX_NAME + " characters");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one scope: read, write or admin");
        }
        byte[] idBytes = new byte[9];
        byte[] secret = new byte[32];
        random.nextBytes(idBytes);
        random.nextBytes(secret);
        // the id holds no '_' so that the text splits unambiguously on its first two
        String id = B64.encodeToString(idBytes).replace('_', 'x');
        String secretText = B64.encodeToString(secret);
        ApiToken token = new ApiToken(id, name, scopes, hash(secretText), clock.instant(), null, null);
        store.addToken(token);
        return new Created(token, PREFIX + id + "_" + secretText);
    }

    /** The valid token a bearer text stands for; empty for a malformed, unknown, wrong, revoked or expired one. */
    public Optional<ApiToken> authenticate(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = text.substring(PREFIX.length());
        int sep = rest.indexOf('_');
        if (sep <= 0 || sep == rest.length() - 1 || rest.length() > 200) {
            return Optional.empty();
        }
        String id = rest.substring(0, sep);
        byte[] given = hash(rest.substring(sep + 1));
        Optional<ApiToken> found = store.findToken(id);
        Instant now = clock.instant();
        if (found.isEmpty() || !MessageDigest.isEqual(found.get().secretHash(), given) || !found.get().isValidAt(now)) {
            return Optional.empty();
        }
        lastUsed.put(id, now);
        return found;
    }

    /** Every token, revoked ones included, in creation order. */
    public List<ApiToken> list() {
        return store.tokens();
    }

    public Optional<Instant> lastUsed(String id) {
        return Optional.ofNullable(lastUsed.get(id));
    }

    /** Revokes a token; empty when unknown. */
    public Optional<ApiToken> revoke(String id) {
        return store.revokeToken(id, clock.instant());
    }

    /** Whether the store holds no token at all (a first start). */
    public boolean none() {
        return store.tokens().isEmpty();
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
