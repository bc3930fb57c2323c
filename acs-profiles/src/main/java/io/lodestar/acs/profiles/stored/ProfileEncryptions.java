package io.lodestar.acs.profiles.stored;

import io.lodestar.acs.profiles.crypto.ProfileEncryption;

import java.util.Locale;

/**
 * The names the API and the store give encryptions: {@code plain}, {@code aes-256-cbc}, {@code aes-256-cbc+gzip},
 * {@code aes128gcm} (record size 4096, no key id).
 */
public final class ProfileEncryptions {

    public static final String NAMES = "plain, aes-256-cbc, aes-256-cbc+gzip, aes128gcm";

    private ProfileEncryptions() {}

    /** @throws IllegalArgumentException naming the accepted names */
    public static ProfileEncryption parse(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "plain" -> new ProfileEncryption.Plain();
            case "aes-256-cbc" -> new ProfileEncryption.OpensslAes256Cbc(false);
            case "aes-256-cbc+gzip" -> new ProfileEncryption.OpensslAes256Cbc(true);
            case "aes128gcm" -> new ProfileEncryption.Aes128GcmCoding(
                    ProfileEncryption.Aes128GcmCoding.DEFAULT_RECORD_SIZE, "");
            default -> throw new IllegalArgumentException("encryption is one of " + NAMES + ", not '" + name + "'");
        };
    }

    public static String name(ProfileEncryption encryption) {
        if (encryption instanceof ProfileEncryption.OpensslAes256Cbc cbc) {
            return cbc.gzip() ? "aes-256-cbc+gzip" : "aes-256-cbc";
        }
        return encryption instanceof ProfileEncryption.Aes128GcmCoding ? "aes128gcm" : "plain";
    }
}
