package io.lodestar.acs.store.cache;

import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CacheSettingsTest {

    @Test
    void theCacheHoldsAFifthOfTheHeapByDefaultAndZeroTurnsItOff() {
        assertThat(CacheSettings.from(SettingsReader.defaults(CacheSettings.SETTINGS)))
                .isEqualTo(new CacheSettings(Runtime.getRuntime().maxMemory() / 5));
        assertThat(CacheSettings.from(SettingsReader.of(CacheSettings.SETTINGS,
                Map.of("store.cache-max-bytes", "0"))).enabled()).isFalse();
        assertThat(CacheSettings.from(SettingsReader.of(CacheSettings.SETTINGS,
                Map.of("store.cache-max-bytes", "67108864"))).maxBytes()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertThatThrownBy(() -> CacheSettings.from(SettingsReader.of(CacheSettings.SETTINGS,
                Map.of("store.cache-max-bytes", "-1"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("store.cache-max-bytes");
    }
}
