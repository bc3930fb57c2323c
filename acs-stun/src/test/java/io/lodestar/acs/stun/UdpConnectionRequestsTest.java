package io.lodestar.acs.stun;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class UdpConnectionRequestsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");
    private final UdpBindings bindings = new UdpBindings(10, Duration.ofMinutes(5));
    private final UdpConnectionRequests requests = new UdpConnectionRequests(new UdpConnectionRequestSender(
            new EmbeddedChannel(), Clock.fixed(NOW, ZoneOffset.UTC), 1, Duration.ofSeconds(1), Duration.ofSeconds(1)),
            bindings, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theLearnedBindingWinsOverTheReportedAddress() {
        bindings.record("CPE1", new InetSocketAddress("198.51.100.9", 61000), NOW, false, true);

        assertThat(requests.target("CPE1", "10.0.0.2:7547")).contains(new InetSocketAddress("198.51.100.9", 61000));
        assertThat(requests.target("CPE2", "203.0.113.5:7547")).contains(new InetSocketAddress("203.0.113.5", 7547));
        assertThat(requests.target(null, "203.0.113.5:7547")).contains(new InetSocketAddress("203.0.113.5", 7547));
    }

    @Test
    void aStaleBindingOrAnUnusableAddressGivesNoTarget() {
        bindings.record("CPE1", new InetSocketAddress("198.51.100.9", 61000), NOW.minus(Duration.ofHours(1)), false, true);

        assertThat(requests.target("CPE1", "")).isEmpty();
        assertThat(requests.target("CPE1", "cpe.example.com:7547")).isEmpty();
        assertThat(requests.target("CPE1", null)).isEmpty();
    }

    @Test
    void withoutATargetTheAttemptFailsAtOnceSayingWhy() throws Exception {
        UdpSendOutcome outcome = requests.send("CPE9", null, "u", "p").outcome().get(1, TimeUnit.SECONDS);
        assertThat(outcome.sent()).isFalse();
        assertThat(outcome.detail()).contains("no UDP binding learned for 'CPE9'");
    }
}
