package io.lodestar.acs.profiles.crypto;

import java.util.Objects;

/**
 * A profile as sent.
 *
 * @param body            the bytes of the response body
 * @param contentType     its media type
 * @param contentEncoding {@code aes128gcm} for RFC 8188, null otherwise
 */
public record EncodedProfile(byte[] body, String contentType, String contentEncoding) {

    public EncodedProfile {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentType, "contentType");
    }
}
