package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedStoreSettingsTest {

    @Test
    void theStoreIsSyncedUnderDataByDefault() {
        assertThat(EmbeddedStoreSettings.from(SettingsReader.defaults(EmbeddedStoreSettings.SETTINGS)))
                .isEqualTo(new EmbeddedStoreSettings(Path.of("./data"), true));
    }

    @Test
    void anEmptyPathIsRefused() {
        assertThatThrownBy(() -> EmbeddedStoreSettings.from(SettingsReader.of(EmbeddedStoreSettings.SETTINGS,
                Map.of("store.path", ""))))
                .isInstanceOf(SettingsException.class).hasMessage("setting 'store.path' must be a path, not ''");
    }
}
