package io.lodestar.acs.cwmp.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Retry-After of a 503, randomised between a shortest and a longest wait so that the CPEs turned away together
 * (a boot storm) come back spread out instead of together again.
 */
final class RetryAfter {

    private final long minSeconds;
    private final long maxSeconds;

    RetryAfter(Duration min, Duration max) {
        this.minSeconds = Math.max(1, min.toSeconds());
        this.maxSeconds = Math.max(minSeconds, max.toSeconds());
    }

    int seconds() {
        return (int) Math.min(Integer.MAX_VALUE, ThreadLocalRandom.current().nextLong(minSeconds, maxSeconds + 1));
    }
}
