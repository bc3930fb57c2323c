package io.lodestar.acs.core.task;

import java.time.Duration;

/**
 * How failed tasks are retried: exponential back-off from {@code initialBackoff}, capped at
 * {@code maxBackoff}, for at most {@code maxAttempts} attempts in all.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMinutes(1), Duration.ofHours(1));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** The wait after the n-th failed attempt (n starts at 1): initial, 2x, 4x, ... up to the cap. */
    public Duration backoffAfter(int failedAttempts) {
        Duration d = initialBackoff;
        // doubling, not shifting: no overflow, and the cap is reached however small the start (at most ~100 steps)
        for (int n = 1; n < failedAttempts && !d.isZero() && d.compareTo(maxBackoff) < 0; n++) {
            d = d.compareTo(maxBackoff.dividedBy(2)) > 0 ? maxBackoff : d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
