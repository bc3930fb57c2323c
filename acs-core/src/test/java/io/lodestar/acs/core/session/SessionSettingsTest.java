package io.lodestar.acs.core.session;

import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionSettingsTest {

    @Test
    void theDefaultsAreTheDefaultPolicy() {
        assertThat(SessionSettings.from(SettingsReader.defaults(SessionSettings.SETTINGS))).isEqualTo(SessionPolicy.DEFAULT);
    }

    @Test
    void aZeroOperationTimeoutIsRefused() {
        assertThatThrownBy(() -> SessionSettings.from(SettingsReader.of(SessionSettings.SETTINGS,
                Map.of("session.operation-timeout", "0s"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("session.operation-timeout");
    }

    @Test
    void aMaximumBackOffShorterThanTheFirstIsRefusedWithBothSettings() {
        assertThatThrownBy(() -> SessionSettings.from(SettingsReader.of(SessionSettings.SETTINGS,
                Map.of("tasks.initial-backoff", "2h"))))
                .isInstanceOf(SettingsException.class)
                .hasMessage("setting 'tasks.max-backoff' (1h) must not be shorter than tasks.initial-backoff (2h)");
    }
}
