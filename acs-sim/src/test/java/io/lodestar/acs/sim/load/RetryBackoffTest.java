package io.lodestar.acs.sim.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackoffTest {

    @Test
    void theWaitFollowsTheTr069TableScaledAndStopsGrowingAfterTheTenthRetry() {
        RetryBackoff b = new RetryBackoff(0.01);
        for (int i = 0; i < 200; i++) {
            assertThat(b.waitNanos(1, 0)).isBetween(50_000_000L, 100_000_000L);
            assertThat(b.waitNanos(2, 0)).isBetween(100_000_000L, 200_000_000L);
            assertThat(b.waitNanos(10, 0)).isBetween(25_600_000_000L, 51_200_000_000L);
            assertThat(b.waitNanos(30, 0)).isBetween(25_600_000_000L, 51_200_000_000L);
        }
        assertThat(RetryBackoff.rangeSeconds(1)).containsExactly(5.0, 10.0);
        assertThat(RetryBackoff.rangeSeconds(7)).containsExactly(320.0, 640.0);
    }

    @Test
    void aLongerRetryAfterIsWaitedScaledAlike() {
        assertThat(new RetryBackoff(0.01).waitNanos(1, 60)).isEqualTo(600_000_000L);
    }
}
