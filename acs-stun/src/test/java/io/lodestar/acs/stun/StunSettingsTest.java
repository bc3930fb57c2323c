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
}
