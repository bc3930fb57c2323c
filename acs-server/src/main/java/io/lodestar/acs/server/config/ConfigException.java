package io.lodestar.acs.server.config;

import io.lodestar.acs.core.settings.SettingsException;

/**
 * A configuration that cannot be used; the message says which setting (or which file) and why. What the
 * modules' settings records refuse reaches the commands as this exception, by {@link AcsConfig#from}.
 */
public class ConfigException extends SettingsException {

    public ConfigException(String message) {
        super(null, message);
    }

    ConfigException(SettingsException refused) {
        super(refused.key(), refused.getMessage());
    }
}
