package io.lodestar.acs.sim.load;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The TR-069 session retry policy (section 3.2.1.1, with the default CWMPRetryMinimumWaitInterval 5 s and
 * CWMPRetryIntervalMultiplier 2000): after the n-th failed session in a row the CPE waits a random time in
 * [m·(k/1000)^(n-1), m·(k/1000)^n) seconds, growing up to the 10th retry and flat after it (5-10 s, 10-20 s, ...,
 * 2560-5120 s). A benchmark scales it down ({@code scale} 0.01: 50-100 ms for the first retry); a 503's Retry-After,
 * scaled alike, is waited at least.
 */
record RetryBackoff(double scale) {

    static final double MINIMUM_WAIT_SECONDS = 5;
    static final double MULTIPLIER = 2.0;

    RetryBackoff {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("retry scale must be > 0, not " + scale);
        }
    }

    /** The wait before the next attempt, in nanoseconds, after {@code failures} failed sessions in a row (≥ 1). */
    long waitNanos(int failures, long retryAfterSeconds) {
        int n = Math.min(Math.max(failures, 1), 10);
        double low = MINIMUM_WAIT_SECONDS * Math.pow(MULTIPLIER, n - 1);
        double seconds = low + ThreadLocalRandom.current().nextDouble() * low;
        seconds = Math.max(seconds, retryAfterSeconds);
        return (long) (seconds * scale * 1e9);
    }

    /** The range of the n-th retry's wait, unscaled, in seconds (for the documentation and tests). */
    static double[] rangeSeconds(int failures) {
        int n = Math.min(Math.max(failures, 1), 10);
        double low = MINIMUM_WAIT_SECONDS * Math.pow(MULTIPLIER, n - 1);
        return new double[] {low, 2 * low};
    }
}
