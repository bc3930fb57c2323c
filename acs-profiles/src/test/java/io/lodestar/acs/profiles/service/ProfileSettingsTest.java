package io.lodestar.acs.profiles.service;

import io.lodestar.acs.core.settings.SettingsException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileSettingsTest {

    @Test
    void theDefaultsRefuseUnknownPhonesAndBoundTheWork() {
        ProfileSettings s = ProfileSettings.from(Map.of());

        assertThat(s).isEqualTo(new ProfileSettings(false, 16, Duration.ofSeconds(30), 65536));
        assertThat(s.serviceOptions()).isEqualTo(new ProfileServiceOptions(16, Duration.ofSeconds(30), 65536));
        assertThat(s.keyFile()).as("the data directory's profile.key").isNull();
        assertThat(ProfileSettings.from(Map.of("profiles.key-file", " /run/secrets/profile.key ")).keyFile())
                .isEqualTo(java.nio.file.Path.of("/run/secrets/profile.key"));
    }

    @Test
    void aBadValueIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> ProfileSettings.from(Map.of("profiles.max-concurrent-builds", "0")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("profiles.max-concurrent-builds");
        assertThatThrownBy(() -> ProfileSettings.from(Map.of("profiles.retry-after", "0s")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("profiles.retry-after");
    }
}
