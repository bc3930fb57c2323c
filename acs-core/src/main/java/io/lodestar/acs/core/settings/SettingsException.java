package io.lodestar.acs.core.settings;

/** A setting that cannot be used; the message names the key and, where there is one, the bad value. */
public class SettingsException extends RuntimeException {

    private final String key;

    /**
     * @param key     the setting at fault
     * @param message the whole message, naming the key (e.g. {@code setting 'cwmp.port' must be ...})
     */
    public SettingsException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** A value that does not fit: {@code setting 'KEY' MUST, not 'VALUE'}. */
    static SettingsException badValue(String key, String value, String must) {
        return new SettingsException(key, "setting '" + key + "' " + must + ", not '" + value + "'");
    }

    /** The setting at fault. */
    public String key() {
        return key;
    }
}
