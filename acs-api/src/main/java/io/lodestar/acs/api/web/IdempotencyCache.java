package io.lodestar.acs.api.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.api.problem.Problem;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The answers to POSTs sent with an {@code Idempotency-Key}, per token and key, kept for {@link #TTL} on this node
 * (at most {@link #MAX_ENTRIES}): a retried request gets the first answer again instead of acting twice. A retry
 * arriving while the first is still being answered waits for that answer. Per node: behind a load balancer, a
 * retry that reaches another ACS node acts again.
 */
public final class IdempotencyCache {

    public static final Duration TTL = Duration.ofHours(24);
    public static final int MAX_ENTRIES = 100_000;
    public static final int MAX_KEY_LENGTH = 200;

    /** A remembered answer and the request it answered. */
    public record Answer(String request, int status, Object entity, String location) {}

    private final Cache<String, CompletableFuture<Answer>> answers = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES).expireAfterWrite(TTL).build();

    /**
     * The answer to the request: computed when the key is new, else the one remembered.
     *
     * @param fingerprint what identifies the request (method, path, body): a key reused for another request is refused
     */
    public Answer answer(String tokenId, String key, String fingerprint, Supplier<Answer> compute) {
        if (key == null) {
            return compute.get();
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw ApiException.badRequest("BAD_IDEMPOTENCY_KEY", "an Idempotency-Key has 1 to " + MAX_KEY_LENGTH
                    + " characters");
        }
        String cacheKey = tokenId + "\u0000" + key;
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        CompletableFuture<Answer> existing = answers.asMap().putIfAbsent(cacheKey, mine);
        if (existing == null) {
            try {
                Answer a = compute.get();
                mine.complete(a);
                return a;
            } catch (RuntimeException e) {
                // a refused request is not remembered: the client may fix it and send it again with the same key
                answers.invalidate(cacheKey);
                mine.completeExceptionally(e);
                throw e;
            }
        }
        Answer earlier;
        try {
            earlier = existing.get();
        } catch (ExecutionException e) {
            return answer(tokenId, key, fingerprint, compute);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (!earlier.request().equals(fingerprint)) {
            throw new ApiException(Problem.of(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key reused",
                    "this Idempotency-Key was used for another request in the last 24 hours"));
        }
        return earlier;
    }
}
