package io.lodestar.acs.store;

import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreSettingsTest {

    @Test
    void devicesAreSearchableByTheirSerialNumberByDefault() {
        assertThat(StoreSettings.from(SettingsReader.defaults(StoreSettings.SETTINGS)).indexed().paths())
                .containsExactly("Device.DeviceInfo.SerialNumber", "InternetGatewayDevice.DeviceInfo.SerialNumber");
    }

    @Test
    void aWildcardPathIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> StoreSettings.from(SettingsReader.of(StoreSettings.SETTINGS,
                Map.of("store.indexed-parameters", "Device.WiFi.SSID.*.SSID"))))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("setting 'store.indexed-parameters': ");
    }
}
