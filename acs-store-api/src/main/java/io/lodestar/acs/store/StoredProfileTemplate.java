package io.lodestar.acs.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A phone profile template as stored: its text and the choices acs-profiles parses when it builds a
 * {@code ProfileTemplate} (the store does not interpret them).
 *
 * @param name        the template's name (the key)
 * @param path        the path phones ask for it on ({@code /profiles/$MA.xml})
 * @param contentType its media type ({@code application/xml})
 * @param encryption  how it is served: {@code plain}, {@code aes-256-cbc}, {@code aes-256-cbc+gzip} or
 *                    {@code aes128gcm} (see docs/profiles.md)
 * @param keyScope    whose key encrypts it: {@code template} or {@code device}
 * @param text        the template text
 * @param updatedAt   when it was last stored
 */
public record StoredProfileTemplate(String name, String path, String contentType, String encryption, String keyScope,
                                    String text, Instant updatedAt) {

    public StoredProfileTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(keyScope, "keyScope");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a template has a name");
        }
    }
}
