package io.lodestar.acs.service.files;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * HMAC-SHA256 signatures of the file server's URLs: over the path, the device id and the expiry, so that a URL
 * handed to one device opens one file (or one upload target), for that device, until it expires. Every ACS node
 * signs with the same key (a Cassandra deployment shares it through {@code files.signing-key}), so any node
 * serves a URL any node made.
 */
public final class UrlSigner {

    private final SecretKeySpec key;

    /** @param key at least 32 bytes */
    public UrlSigner(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException("a URL signing key has at least 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** The signature (base64url, no padding) of a decoded path, a device id and an expiry (epoch seconds). */
    public String sign(String path, String deviceId, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // NUL separates the parts: none can contain it, so no two different triples sign the same bytes
            byte[] signed = (path + '\0' + deviceId + '\0' + expiresEpochSecond).getBytes(StandardCharsets.UTF_8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Whether {@code signature} is this key's signature of the triple (compared in constant time). */
    public boolean isValid(String path, String deviceId, long expiresEpochSecond, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(path, deviceId, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
