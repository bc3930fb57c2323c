package io.lodestar.acs.profiles.service;

import java.time.Duration;
import java.util.Objects;

/**
 * @param maxConcurrentBuilds profiles built at once before phones are told 503 (rendering and encryption are CPU)
 * @param retryAfter          the Retry-After sent with 503
 * @param maxStatusBytes      the largest status report a phone may POST
 */
public record ProfileServiceOptions(int maxConcurrentBuilds, Duration retryAfter, int maxStatusBytes) {

    public static final ProfileServiceOptions DEFAULTS = new ProfileServiceOptions(
            Math.max(2, Runtime.getRuntime().availableProcessors() * 4), Duration.ofSeconds(30), 64 * 1024);

    public ProfileServiceOptions {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (maxConcurrentBuilds < 1 || maxStatusBytes < 0 || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("profile service options: at least one build at once, a positive "
                    + "Retry-After and a non-negative status report limit");
        }
    }
}
