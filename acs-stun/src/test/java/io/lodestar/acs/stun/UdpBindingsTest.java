package io.lodestar.acs.stun;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UdpBindingsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T20:00:00Z");
    private static final InetSocketAddress A = new InetSocketAddress("192.0.2.1", 40000);
    private static final InetSocketAddress B = new InetSocketAddress("192.0.2.1", 40001);

    @Test
    void theTableIsBoundedAndForgetsTheLeastRecentlySeenFirst() {
        UdpBindings bindings = new UdpBindings(2, Duration.ofHours(1));
        bindings.record("one", A, T0, false, false);
        bindings.record("two", A, T0.plusSeconds(1), false, false);
        bindings.record("one", A, T0.plusSeconds(2), false, false);
        bindings.record("three", A, T0.plusSeconds(3), false, false);

        assertThat(bindings.size()).isEqualTo(2);
        assertThat(bindings.find("two", T0.plusSeconds(3))).isEmpty();
        assertThat(bindings.find("one", T0.plusSeconds(3))).isPresent();
    }

    @Test
    void aBindingNotRefreshedWithinItsTimeToLiveIsForgotten() {
        UdpBindings bindings = new UdpBindings(10, Duration.ofMinutes(5));
        bindings.record("one", A, T0, false, false);
        assertThat(bindings.find("one", T0.plus(Duration.ofMinutes(5)))).isPresent();
        assertThat(bindings.find("one", T0.plus(Duration.ofMinutes(6)))).isEmpty();

        bindings.record("two", A, T0.plus(Duration.ofMinutes(6)), false, false);
        assertThat(bindings.snapshot()).containsOnlyKeys("two");
    }

    @Test
    void listenersHearNewsOnlyAndAFailingOneHarmsNoOne() {
        UdpBindings bindings = new UdpBindings(10, Duration.ofMinutes(5));
        List<String> told = new ArrayList<>();
        bindings.addListener((b, c) -> {
            throw new IllegalStateException("broken listener");
        });
        bindings.addListener((b, c) -> told.add(c + " " + b.connectionRequestAddress()));

        bindings.record("one", A, T0, false, false);
        bindings.record("one", A, T0.plusSeconds(30), false, false);
        bindings.record("one", B, T0.plusSeconds(60), false, false);
        bindings.record("one", B, T0.plusSeconds(90), true, false);

        assertThat(told).containsExactly("LEARNED 192.0.2.1:40000", "MOVED 192.0.2.1:40001", "REPORTED_BY_CPE 192.0.2.1:40001");
        UdpBinding b = bindings.find("one", T0.plusSeconds(90)).orElseThrow();
        assertThat(b.firstSeen()).isEqualTo(T0.plusSeconds(60));
        assertThat(b.lastSeen()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void anUnchangedBindingIsToldAsRefreshedOncePerHalfTimeToLiveSoThatAStoredCopyStaysFresh() {
        UdpBindings bindings = new UdpBindings(10, Duration.ofMinutes(5));
        List<String> told = new ArrayList<>();
        bindings.addListener((b, c) -> told.add(c + " " + b.lastSeen()));

        bindings.record("one", A, T0, false, false);
        bindings.record("one", A, T0.plusSeconds(60), false, false);
        bindings.record("one", A, T0.plusSeconds(149), false, false);
        bindings.record("one", A, T0.plusSeconds(150), false, false); // half the TTL since it was last told
        bindings.record("one", A, T0.plusSeconds(200), false, false);
        bindings.record("one", A, T0.plusSeconds(300), false, false);

        assertThat(told).containsExactly("LEARNED " + T0, "REFRESHED " + T0.plusSeconds(150),
                "REFRESHED " + T0.plusSeconds(300));
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> new UdpBindings(0, Duration.ofMinutes(1))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new UdpBindings(1, Duration.ZERO)).hasMessageContaining("positive");
    }
}
