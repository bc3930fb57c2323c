package io.lodestar.acs.stun;

import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StunSettingsTest {

    @Test
    void theDefaultsListenOnPort3478WhenEnabled() {
        StunSettings s = StunSettings.from(SettingsReader.defaults(StunSettings.SETTINGS));
        assertThat(s.enabled()).isFalse();
        assertThat(s.bind()).isEqualTo("0.0.0.0");
        assertThat(s.port()).isEqualTo(3478);
        assertThat(s.requireIntegrity()).isFalse();
        assertThat(s.requestCopies()).isEqualTo(4);
        assertThat(s.requestInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.requestMaxInterval()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aBadValueIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> StunSettings.from(Map.of("stun.port", "70000")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("stun.port");
        assertThatThrownBy(() -> StunSettings.from(Map.of("stun.bind", " ")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.key()).isEqualTo("stun.bind"));
        assertThatThrownBy(() -> StunSettings.from(Map.of("stun.connection-request-interval", "10s")))
                .isInstanceOfSatisfying(SettingsException.class,
                        e -> assertThat(e.key()).isEqualTo("stun.connection-request-interval"));
        assertThatThrownBy(() -> StunSettings.from(Map.of("stun.colour", "red")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("unknown setting");
    }

    @Test
    void thePolicyNeedsTheServerOnAndAPublicAddress() {
        assertThat(StunSettings.from(Map.of()).policy()).isFalse();
        StunSettings s = StunSettings.from(Map.of("stun.enabled", "true", "stun.policy", "bootstrap",
                "stun.public-address", "stun.example.net"));
        assertThat(s.policy()).isTrue();
        assertThat(s.publicHost()).isEqualTo("stun.example.net");
        assertThat(s.publicPort(3478)).isEqualTo(3478);
        StunSettings withPort = StunSettings.from(Map.of("stun.public-address", "192.0.2.7:13478"));
        assertThat(withPort.publicHost()).isEqualTo("192.0.2.7");
        assertThat(withPort.publicPort(3478)).isEqualTo(13478);
        assertThat(StunSettings.from(Map.of("stun.public-address", "[2001:db8::1]:3479")).publicPort(1)).isEqualTo(3479);

        assertThatThrownBy(() -> StunSettings.from(Map.of("stun.policy", "bootstrap", "stun.public-address", "a.net")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.key()).isEqualTo("stun.policy"));
        assertThatThrownBy(() -> StunSettings.from(Map.of("stun.enabled", "true", "stun.policy", "bootstrap")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.key()).isEqualTo("stun.policy"));
        assertThatThrownBy(() -> StunSettings.from(Map.of("stun.policy", "always")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.key()).isEqualTo("stun.policy"));
        assertThatThrownBy(() -> StunSettings.from(Map.of("stun.public-address", "a.net:99999")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.key()).isEqualTo("stun.public-address"));
    }
}
