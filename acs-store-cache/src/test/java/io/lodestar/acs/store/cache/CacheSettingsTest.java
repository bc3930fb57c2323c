package io.lodestar.acs.store.cache;

import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CacheSettingsTest {

    @Test
    void theCacheHoldsTwoMillionParametersByDefaultAndZeroTurnsItOff() {
        assertThat(CacheSettings.from(SettingsReader.defaults(CacheSettings.SETTINGS)))
                .isEqualTo(new CacheSettings(2_000_000));
        assertThat(CacheSettings.from(SettingsReader.of(CacheSettings.SETTINGS,
                Map.of("store.cache-max-parameters", "0"))).enabled()).isFalse();
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertThatThrownBy(() -> CacheSettings.from(SettingsReader.of(CacheSettings.SETTINGS,
                Map.of("store.cache-max-parameters", "-1"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("store.cache-max-parameters");
    }
}
