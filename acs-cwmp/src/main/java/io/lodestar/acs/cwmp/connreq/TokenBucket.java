package io.lodestar.acs.cwmp.connreq;

/**
 * A rate limit: {@code perSecond} permits a second, up to one second's worth saved up; 0 means no limit. Time is
 * read from {@link System#nanoTime()} (monotonic).
 */
final class TokenBucket {

    private final int perSecond;
    private double tokens;
    private long last = System.nanoTime();

    TokenBucket(int perSecond) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
    }

    synchronized boolean tryTake() {
        if (perSecond == 0) {
            return true;
        }
        long now = System.nanoTime();
        tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
