package io.lodestar.acs.store;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsReader;

import java.util.List;

/**
 * The settings every store engine shares.
 *
 * @param indexed the parameters devices can be searched by ({@code store.indexed-parameters})
 */
public record StoreSettings(IndexedParameters indexed) {

    public static final List<Setting> SETTINGS = List.of(
            new Setting("store.indexed-parameters",
                    "Device.DeviceInfo.SerialNumber,InternetGatewayDevice.DeviceInfo.SerialNumber",
                    "parameters devices can be searched by: full paths, comma-separated, at most "
                            + IndexedParameters.MAX_PATHS));

    public static StoreSettings from(SettingsReader s) {
        return new StoreSettings(s.parsed("store.indexed-parameters", IndexedParameters::parse));
    }
}
