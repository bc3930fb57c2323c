package io.lodestar.acs.store;

import io.lodestar.acs.core.access.ApiToken;
import io.lodestar.acs.core.access.TokenScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.lodestar.acs.store.StoreTestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The promises of {@link TokenStore}: a token is found as it was added (its secret hash byte for byte), an id is
 * taken once, the listing is in creation order then id, a revocation keeps its first time and leaves the token
 * findable but no longer valid, and tokens survive a restart. The store under test must implement
 * {@link TokenStore} (or its test overrides {@link #tokenStore()}).
 */
public interface TokenStoreContract extends StoreFixture {

    /** The store under test as a token store. */
    default TokenStore tokenStore() {
        if (store() instanceof TokenStore tokens) {
            return tokens;
        }
        throw new IllegalStateException(store() + " is no TokenStore: override tokenStore()");
    }

    /** A SHA-256-sized hash with a 00 and an ff byte, so that no byte is lost or changed on the way. */
    static byte[] hash(int seed) {
        byte[] h = new byte[32];
        new Random(seed).nextBytes(h);
        h[0] = 0x00;
        h[31] = (byte) 0xff;
        return h;
    }

    /** A token created at {@code createdAt}, valid for a day, with the read scope. */
    static ApiToken token(String id, Instant createdAt) {
        return new ApiToken(id, "token " + id, Set.of(TokenScope.READ), hash(id.hashCode()), createdAt,
                createdAt.plusSeconds(86_400), null);
    }

    // ---- adding and finding -------------------------------------------------------------------------------

    @Test
    default void anAddedTokenIsFoundAsItWasAdded() {
        ApiToken t = new ApiToken("tok-1", "oss-integration ü", Set.of(TokenScope.READ, TokenScope.WRITE), hash(1),
                T0, T0.plusSeconds(3600).plusNanos(7), null);
        tokenStore().addToken(t);
        ApiToken found = tokenStore().findToken("tok-1").orElseThrow();
        assertThat(found).isEqualTo(t);
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.isValidAt(T0.plusSeconds(1))).isTrue();
        assertThat(found.grants(TokenScope.WRITE)).isTrue();
        assertThat(found.grants(TokenScope.ADMIN)).isFalse();
        assertThat(tokenStore().tokens()).containsExactly(t);
    }

    @Test
    default void anUnknownIdIsEmpty() {
        assertThat(tokenStore().findToken("nobody")).isEmpty();
        assertThat(tokenStore().revokeToken("nobody", T0)).isEmpty();
        assertThat(tokenStore().tokens()).isEmpty();
        tokenStore().addToken(token("tok-known", T0));
        assertThat(tokenStore().findToken("tok-unknown")).isEmpty();
        assertThat(tokenStore().revokeToken("tok-unknown", T0)).isEmpty();
        assertThat(tokenStore().findToken("tok-unknown")).as("revoking an unknown id creates nothing").isEmpty();
        assertThat(tokenStore().tokens()).extracting(ApiToken::id).containsExactly("tok-known");
    }

    @Test
    default void anIdAlreadyStoredIsRefusedAndTheStoredTokenKept() {
        ApiToken first = token("tok-dup", T0);
        tokenStore().addToken(first);
        ApiToken other = new ApiToken("tok-dup", "someone else", Set.of(TokenScope.ADMIN), hash(99), T0.plusSeconds(1),
                null, null);
        assertThatThrownBy(() -> tokenStore().addToken(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tok-dup");
        assertThat(tokenStore().findToken("tok-dup")).contains(first);
        assertThat(tokenStore().tokens()).containsExactly(first);
    }

    @Test
    default void aRevokedTokenCannotBeAddedBackUnrevoked() {
        ApiToken t = token("tok-back", T0);
        tokenStore().addToken(t);
        tokenStore().revokeToken("tok-back", T0.plusSeconds(5));
        assertThatThrownBy(() -> tokenStore().addToken(t)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tok-back");
        assertThat(tokenStore().findToken("tok-back")).contains(t.revoked(T0.plusSeconds(5)));
    }

    @Test
    default void addingTheVeryTokenStoredAgainChangesNothing() {
        ApiToken t = token("tok-retry", T0);
        tokenStore().addToken(t);
        tokenStore().addToken(new ApiToken(t.id(), t.name(), t.scopes(), t.secretHash(), t.createdAt(),
                t.expiresAt(), null)); // a retry: an equal token, another instance
        assertThat(tokenStore().tokens()).containsExactly(t);
    }

    @Test
    default void aTokenWithAnEmptyIdIsRefused() {
        assertThatThrownBy(() -> tokenStore().addToken(token("", T0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id");
        assertThat(tokenStore().tokens()).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    default void ofConcurrentAddsOfOneIdExactlyOneWins() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<ApiToken>> adds = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                ApiToken mine = new ApiToken("tok-race", "racer " + i, Set.of(TokenScope.READ), hash(i), T0, null,
                        null);
                adds.add(() -> {
                    try {
                        tokenStore().addToken(mine);
                        return mine;
                    } catch (IllegalArgumentException refused) {
                        return null;
                    }
                });
            }
            List<ApiToken> winners = new ArrayList<>();
            for (Future<ApiToken> f : pool.invokeAll(adds)) {
                ApiToken won = f.get(60, TimeUnit.SECONDS);
                if (won != null) {
                    winners.add(won);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(tokenStore().findToken("tok-race")).contains(winners.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- listing ------------------------------------------------------------------------------------------

    @Test
    default void tokensAreListedInCreationOrderThenIdWhateverTheOrderTheyWereAdded() {
        List<ApiToken> ordered = List.of(
                token("tok-z", T0.minusSeconds(60)),
                token("tok-b", T0),
                token("tok-c", T0),
                token("tok-a", T0.plusNanos(1)),
                token("tok-y", T0.plusSeconds(3600)));
        List<ApiToken> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new Random(5));
        shuffled.forEach(tokenStore()::addToken);
        tokenStore().revokeToken("tok-c", T0.plusSeconds(10));
        assertThat(tokenStore().tokens()).extracting(ApiToken::id)
                .containsExactly("tok-z", "tok-b", "tok-c", "tok-a", "tok-y");
    }

    // ---- revoking -----------------------------------------------------------------------------------------

    @Test
    default void revokingKeepsTheFirstRevocationTime() {
        ApiToken t = token("tok-revoke", T0);
        tokenStore().addToken(t);
        Instant first = T0.plusSeconds(30).plusNanos(123);
        assertThat(tokenStore().revokeToken("tok-revoke", first)).contains(t.revoked(first));
        assertThat(tokenStore().revokeToken("tok-revoke", first.plusSeconds(60))).as("revoking again")
                .contains(t.revoked(first));
        assertThat(tokenStore().findToken("tok-revoke").orElseThrow().revokedAt()).isEqualTo(first);
    }

    @Test
    default void aRevokedTokenIsStillFoundButNoLongerValid() {
        ApiToken t = token("tok-gone", T0);
        ApiToken kept = token("tok-kept", T0.plusSeconds(1));
        tokenStore().addToken(t);
        tokenStore().addToken(kept);
        Instant now = T0.plusSeconds(60);
        assertThat(tokenStore().findToken("tok-gone").orElseThrow().isValidAt(now)).isTrue();
        tokenStore().revokeToken("tok-gone", now);
        ApiToken found = tokenStore().findToken("tok-gone").orElseThrow();
        assertThat(found.revokedAt()).isEqualTo(now);
        assertThat(found.isValidAt(now.plusSeconds(1))).isFalse();
        assertThat(found.secretHash()).isEqualTo(t.secretHash());
        assertThat(tokenStore().tokens()).containsExactly(t.revoked(now), kept);
        assertThat(tokenStore().findToken("tok-kept").orElseThrow().isValidAt(now)).as("others are untouched")
                .isTrue();
    }

    // ---- what is stored -----------------------------------------------------------------------------------

    @Test
    default void theSecretHashRoundTripsByteForByte() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        List<byte[]> hashes = List.of(hash(7), everyByte, new byte[32], new byte[0]);
        for (int i = 0; i < hashes.size(); i++) {
            tokenStore().addToken(new ApiToken("tok-hash-" + i, "h", Set.of(), hashes.get(i), T0.plusMillis(i), null,
                    null));
        }
        for (int i = 0; i < hashes.size(); i++) {
            assertThat(tokenStore().findToken("tok-hash-" + i).orElseThrow().secretHash()).as("hash %d", i)
                    .isEqualTo(hashes.get(i));
        }
        assertThat(tokenStore().tokens()).extracting(t -> t.secretHash().length).containsExactly(32, 256, 32, 0);
    }

    @Test
    default void everyScopeSetAndOptionalTimeRoundTrips() {
        List<Set<TokenScope>> scopeSets = List.of(Set.of(), Set.of(TokenScope.READ), Set.of(TokenScope.ADMIN),
                Set.of(TokenScope.values()));
        List<ApiToken> added = new ArrayList<>();
        for (int i = 0; i < scopeSets.size(); i++) {
            ApiToken t = new ApiToken("tok-scopes-" + i, i % 2 == 0 ? "" : "Zugang ☕ \uD83D\uDE80", scopeSets.get(i),
                    hash(i), Instant.ofEpochSecond(-1_000_000_000L, 1).plusSeconds(i),
                    i % 2 == 0 ? null : T0.plusNanos(999_999_999), null);
            tokenStore().addToken(t);
            added.add(t);
        }
        assertThat(tokenStore().tokens()).containsExactlyElementsOf(added);
    }

    // ---- durability ---------------------------------------------------------------------------------------

    @Test
    default void tokensSurviveCloseAndReopen() {
        ApiToken valid = token("tok-durable", T0);
        ApiToken revoked = token("tok-durable-revoked", T0.plusSeconds(1));
        tokenStore().addToken(valid);
        tokenStore().addToken(revoked);
        tokenStore().revokeToken(revoked.id(), T0.plusSeconds(2));

        restart();

        assertThat(tokenStore().findToken(valid.id())).contains(valid);
        assertThat(tokenStore().findToken(revoked.id())).contains(revoked.revoked(T0.plusSeconds(2)));
        assertThat(tokenStore().tokens()).containsExactly(valid, revoked.revoked(T0.plusSeconds(2)));
        assertThatThrownBy(() -> tokenStore().addToken(token("tok-durable", T0.plusSeconds(9))))
                .as("the id is still taken").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void aClosedStoreRefusesTokenReadsAndWrites() {
        tokenStore().addToken(token("tok-closed", T0));
        TokenStore closed = tokenStore();
        store().close();
        assertThatThrownBy(() -> closed.findToken("tok-closed")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(closed::tokens).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> closed.addToken(token("tok-closed-2", T0)))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> closed.revokeToken("tok-closed", T0)).isInstanceOf(StoreUnavailableException.class);
        restart();
        assertThat(tokenStore().findToken("tok-closed")).isPresent();
    }
}
