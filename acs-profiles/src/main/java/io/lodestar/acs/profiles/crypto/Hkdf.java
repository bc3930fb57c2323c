package io.lodestar.acs.profiles.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/** HKDF with SHA-256 (RFC 5869), the two steps RFC 8188 names: extract, then expand to at most 32 bytes. */
public final class Hkdf {

    private Hkdf() {
    }

    public static byte[] extract(byte[] salt, byte[] inputKeyingMaterial) {
        return hmacSha256(salt, inputKeyingMaterial);
    }

    /** The first {@code length} bytes of T(1) = HMAC(PRK, info || 0x01); RFC 8188 needs no more than one block. */
    public static byte[] expand(byte[] pseudoRandomKey, byte[] info, int length) {
        if (length < 1 || length > 32) {
            throw new IllegalArgumentException("one HKDF-SHA-256 block gives 1 to 32 bytes, not " + length);
        }
        byte[] input = Arrays.copyOf(info, info.length + 1);
        input[info.length] = 1;
        return Arrays.copyOf(hmacSha256(pseudoRandomKey, input), length);
    }

    static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // an empty HMAC key is legal (RFC 2104) but SecretKeySpec refuses it: a block of zeros is equivalent
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[64] : key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
