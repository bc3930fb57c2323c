package io.lodestar.acs.profiles.crypto;

/** How a template's profiles are sent: in clear, or encrypted in one of the two formats Cisco MPP phones decrypt. */
public sealed interface ProfileEncryption {

    /** Sent as rendered: only over HTTPS, since profiles carry SIP credentials. */
    record Plain() implements ProfileEncryption {
    }

    /**
     * {@code openssl enc -e -aes-256-cbc -md md5 -k SECRET}, after gzip when {@code gzip} (the phone recognises the
     * gzip header once decrypted). The secret is given to the phone as {@code [--key SECRET]} in its profile rule.
     */
    record OpensslAes256Cbc(boolean gzip) implements ProfileEncryption {
    }

    /**
     * RFC 8188 {@code aes128gcm} content coding, sent with {@code Content-Encoding: aes128gcm}; the phone holds the
     * input keying material in {@code IKM_HTTP_Encrypt_Content}.
     *
     * @param recordSize the record size written in the header (at least 18)
     * @param keyId      the key id written in the header (at most 255 bytes of UTF-8; may be empty)
     */
    record Aes128GcmCoding(int recordSize, String keyId) implements ProfileEncryption {

        public static final int DEFAULT_RECORD_SIZE = 4096;

        public Aes128GcmCoding {
            if (recordSize < Aes128Gcm.MIN_RECORD_SIZE) {
                throw new IllegalArgumentException("the record size is at least " + Aes128Gcm.MIN_RECORD_SIZE);
            }
            keyId = keyId == null ? "" : keyId;
            if (keyId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException("a key id has at most 255 bytes");
            }
        }
    }

    default boolean encrypts() {
        return !(this instanceof Plain);
    }
}
