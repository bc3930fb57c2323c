package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CwmpSettingsTest {

    @Test
    void theDefaultsServePort7547() {
        CwmpSettings s = CwmpSettings.from(SettingsReader.defaults(CwmpSettings.SETTINGS));

        assertThat(s.endpoint()).isEqualTo(new CwmpEndpointConfig("0.0.0.0", 7547, 8 * 1024 * 1024,
                Duration.ofSeconds(30), 16));
        assertThat(s.sessionIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.sessionLeaseTtl()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aLeaseNoLongerThanTheIdleTimeoutIsRefused() {
        assertThatThrownBy(() -> CwmpSettings.from(SettingsReader.of(CwmpSettings.SETTINGS,
                Map.of("cwmp.session-lease-ttl", "30s"))))
                .isInstanceOf(SettingsException.class)
                .hasMessage("setting 'cwmp.session-lease-ttl' (30s) must be longer than cwmp.session-idle-timeout (30s)");
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThatThrownBy(() -> CwmpSettings.from(SettingsReader.of(CwmpSettings.SETTINGS, Map.of("cwmp.port", "70000"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("cwmp.port").hasMessageContaining("70000");
    }

    @Test
    void httpsIsOffByDefaultAndNeedsACertificateAndAKeyWhenOn() {
        assertThat(CwmpSettings.from(SettingsReader.defaults(CwmpSettings.SETTINGS)).tls().mode())
                .isEqualTo(TlsSettings.Mode.OFF);
        assertThatThrownBy(() -> CwmpSettings.from(SettingsReader.of(CwmpSettings.SETTINGS, Map.of("cwmp.tls", "on"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("cwmp.tls.certificate");
        assertThatThrownBy(() -> CwmpSettings.from(SettingsReader.of(CwmpSettings.SETTINGS,
                Map.of("cwmp.tls", "only", "cwmp.tls.certificate", "/etc/acs.crt"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("cwmp.tls.key");
    }

    @Test
    void theBoundsHaveDefaultsAndReservedPlacesMustLeaveRoom() {
        EndpointLimits limits = CwmpSettings.from(SettingsReader.defaults(CwmpSettings.SETTINGS)).limits();
        assertThat(limits.maxSessions()).isEqualTo(1000);
        assertThat(limits.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(limits.maxBufferedBytes()).isPositive();
        assertThatThrownBy(() -> CwmpSettings.from(SettingsReader.of(CwmpSettings.SETTINGS,
                Map.of("cwmp.max-sessions", "10", "cwmp.reserved-sessions", "10"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("cwmp.reserved-sessions");
    }
}
