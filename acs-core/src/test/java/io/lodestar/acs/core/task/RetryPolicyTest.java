package io.lodestar.acs.core.task;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    @Test
    void backOffDoublesFromTheInitialWait() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofSeconds(30), Duration.ofHours(1));

        assertThat(p.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.backoffAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.backoffAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(p.backoffAfter(7)).isEqualTo(Duration.ofSeconds(30 * 64));
    }

    @Test
    void backOffIsCappedAtTheMaximum() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofSeconds(30), Duration.ofHours(1));

        assertThat(p.backoffAfter(8)).isEqualTo(Duration.ofHours(1)); // 30 s * 128 = 64 min
        assertThat(p.backoffAfter(31)).isEqualTo(Duration.ofHours(1));
        assertThat(p.backoffAfter(1000)).isEqualTo(Duration.ofHours(1));
        assertThat(p.backoffAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theCapIsReachedEvenFromATinyInitialWait() {
        // 1 ms doubled 39 times is far beyond 30 days
        RetryPolicy p = new RetryPolicy(100, Duration.ofMillis(1), Duration.ofDays(30));

        assertThat(p.backoffAfter(40)).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void hugeWaitsDoNotOverflow() {
        RetryPolicy p = new RetryPolicy(100, Duration.ofDays(365L * 1000), Duration.ofDays(365L * 100_000));

        assertThat(p.backoffAfter(40)).isEqualTo(Duration.ofDays(365L * 100_000));
    }

    @Test
    void aZeroWaitStaysZeroAndNoAttemptCountIsBelowOne() {
        assertThat(new RetryPolicy(3, Duration.ZERO, Duration.ZERO).backoffAfter(5)).isEqualTo(Duration.ZERO);
        assertThat(new RetryPolicy(3, Duration.ZERO, Duration.ofMinutes(1)).backoffAfter(5)).isEqualTo(Duration.ZERO);
        RetryPolicy p = new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(10));
        assertThat(p.backoffAfter(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.backoffAfter(-4)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void invalidPoliciesAreRejected() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefault() {
        assertThat(RetryPolicy.DEFAULT).isEqualTo(new RetryPolicy(5, Duration.ofMinutes(1), Duration.ofHours(1)));
    }
}
