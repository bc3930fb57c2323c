package io.lodestar.acs.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.lodestar.acs.api.problem.ApiException;
import io.lodestar.acs.api.problem.Problem;
import io.lodestar.acs.core.access.ApiToken;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

import java.time.Duration;
import java.util.Map;

/**
 * At most {@code rate} requests per second per token (a token bucket of that size, refilled continuously), on
 * this node; beyond it 429 with {@code Retry-After}. Runs after {@link AuthFilter}, so only known tokens get a
 * bucket; the buckets of idle tokens are dropped.
 */
@Priority(Priorities.AUTHORIZATION)
public final class RateLimitFilter implements ContainerRequestFilter {

    private final int rate;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    public RateLimitFilter(int rate) {
        this.rate = rate;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (rate <= 0 || !(request.getProperty(AuthFilter.TOKEN) instanceof ApiToken token)) {
            return;
        }
        Bucket bucket = buckets.get(token.id(), id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(rate).refillGreedy(rate, Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new ApiException(Problem.of(429, "RATE_LIMITED", "Too many requests", "token '" + token.name()
                    + "' may make " + rate + " requests per second (api.rate-limit); retry after " + seconds + " s"),
                    Map.of("Retry-After", String.valueOf(seconds)));
        }
    }
}
