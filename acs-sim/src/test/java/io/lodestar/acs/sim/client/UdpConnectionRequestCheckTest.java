package io.lodestar.acs.sim.client;

import io.lodestar.acs.sim.client.UdpConnectionRequestCheck.Verdict;
import io.lodestar.acs.stun.UdpConnectionRequestMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class UdpConnectionRequestCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");
    private final UdpConnectionRequestCheck check = new UdpConnectionRequestCheck(Duration.ofMinutes(5), 3);

    private Verdict check(long ts, long id, String user, String signedWith) {
        byte[] b = UdpConnectionRequestMessage.signed("127.0.0.1:5000", ts, id, user, "CN" + id, signedWith).toBytes();
        return check.check(b, b.length, "cpe", "secret", NOW);
    }

    @Test
    void aFreshRightlySignedRequestWithANewIdIsAccepted() {
        long now = NOW.getEpochSecond();
        assertThat(check(now, 1, "cpe", "secret")).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(now, 1, "cpe", "secret")).isEqualTo(Verdict.REPLAYED);
        assertThat(check(now - 300, 2, "cpe", "secret")).as("older than the last accepted").isEqualTo(Verdict.STALE);
        assertThat(check(now + 1, 3, "cpe", "secret")).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void timestampsOutsideTheWindowAreStale() {
        long now = NOW.getEpochSecond();
        assertThat(check(now - 301, 1, "cpe", "secret")).isEqualTo(Verdict.STALE);
        assertThat(check(now + 301, 2, "cpe", "secret")).isEqualTo(Verdict.STALE);
        assertThat(check(now - 300, 3, "cpe", "secret")).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void credentialsAreCheckedBeforeAnythingIsRemembered() {
        long now = NOW.getEpochSecond();
        assertThat(check(now, 1, "cpe", "guess")).isEqualTo(Verdict.WRONG_CREDENTIALS);
        assertThat(check(now, 1, "other", "secret")).isEqualTo(Verdict.WRONG_CREDENTIALS);
        assertThat(check(now, 1, "cpe", "secret")).as("a forged id does not block the real one").isEqualTo(Verdict.ACCEPTED);
        byte[] junk = "hello".getBytes();
        assertThat(check.check(junk, junk.length, "cpe", "secret", NOW)).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void theRememberedIdsAreBounded() {
        long now = NOW.getEpochSecond();
        for (long id = 1; id <= 4; id++) {
            assertThat(check(now, id, "cpe", "secret")).isEqualTo(Verdict.ACCEPTED);
        }
        // id 1 fell out of the three remembered: only the timestamp rule is left to hold it back, and it is as
        // recent as the last accepted (the simulator remembers 256 ids, more than an ACS sends in a window)
        assertThat(check(now, 1, "cpe", "secret")).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(now - 1, 2, "cpe", "secret")).as("evicted too, and older").isEqualTo(Verdict.STALE);
        assertThat(check(now, 4, "cpe", "secret")).isEqualTo(Verdict.REPLAYED);
    }
}
