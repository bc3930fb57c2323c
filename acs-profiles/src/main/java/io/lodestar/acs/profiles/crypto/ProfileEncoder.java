package io.lodestar.acs.profiles.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Turns a rendered profile into the bytes sent to the phone. The salt is derived from the key and the plaintext
 * (HMAC-SHA-256) rather than drawn at random: the same profile under the same key gives the same bytes, so the file
 * server's ETag and If-None-Match work, while two different profiles never share a salt (AES-CBC IV, aes128gcm
 * nonce). What this reveals is only whether a profile changed, which its ETag reveals anyway.
 */
public final class ProfileEncoder {

    public static final String OCTET_STREAM = "application/octet-stream";
    private static final byte[] SALT_LABEL = "lodestar profile salt\0".getBytes(StandardCharsets.US_ASCII);

    private ProfileEncoder() {
    }

    /**
     * @param key         the cipher's key bytes ({@link ProfileKeys#keyBytes}); ignored when {@code Plain}
     * @param contentType the rendered profile's media type
     */
    public static EncodedProfile encode(byte[] plaintext, ProfileEncryption encryption, byte[] key, String contentType) {
        if (encryption instanceof ProfileEncryption.OpensslAes256Cbc cbc) {
            byte[] input = cbc.gzip() ? gzip(plaintext) : plaintext;
            return new EncodedProfile(OpensslAes256Cbc.encrypt(input, key,
                    salt(key, input, OpensslAes256Cbc.SALT_LENGTH)), OCTET_STREAM, null);
        }
        if (encryption instanceof ProfileEncryption.Aes128GcmCoding gcm) {
            return new EncodedProfile(Aes128Gcm.encode(plaintext, key, salt(key, plaintext, Aes128Gcm.SALT_LENGTH),
                    gcm.recordSize(), gcm.keyId().getBytes(StandardCharsets.UTF_8)), contentType, "aes128gcm");
        }
        return new EncodedProfile(plaintext, contentType, null);
    }

    /** gzip with a zero modification time, so equal input gives equal output. */
    static byte[] gzip(byte[] plaintext) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plaintext);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static byte[] salt(byte[] key, byte[] content, int length) {
        byte[] data = new byte[SALT_LABEL.length + content.length];
        System.arraycopy(SALT_LABEL, 0, data, 0, SALT_LABEL.length);
        System.arraycopy(content, 0, data, SALT_LABEL.length, content.length);
        return Arrays.copyOf(Hkdf.hmacSha256(key, data), length);
    }
}
