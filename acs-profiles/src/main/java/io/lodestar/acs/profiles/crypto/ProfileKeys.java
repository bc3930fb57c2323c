package io.lodestar.acs.profiles.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Profile secrets, sealed at rest with a {@link SecretBox}. A secret is text because it is written into a phone's
 * configuration: the {@code --key} of an AES-256-CBC profile rule (any phrase; its UTF-8 bytes are the passphrase),
 * or the {@code aes128gcm} input keying material as unpadded base64url (16 bytes once decoded, as in RFC 8188's
 * examples).
 */
public final class ProfileKeys {

    /** Long enough that guessing is hopeless even through the one-iteration MD5 derivation phones require. */
    public static final int MIN_PASSPHRASE_LENGTH = 16;
    public static final int MAX_SECRET_LENGTH = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SealedKeyStore store;
    private final SecretBox box;

    public ProfileKeys(SealedKeyStore store, SecretBox box) {
        this.store = Objects.requireNonNull(store, "store");
        this.box = Objects.requireNonNull(box, "box");
    }

    /**
     * Sets a secret chosen by an operator.
     *
     * @throws IllegalArgumentException when it does not fit the encryption (too short a passphrase, an IKM that is
     *                                  not 16 bytes of base64url)
     */
    public void set(KeyRef ref, ProfileEncryption encryption, String secret) {
        validate(encryption, secret);
        store.put(ref, box.seal(secret.getBytes(StandardCharsets.UTF_8), ref.context()));
    }

    /** Generates, stores and returns a random secret that fits the encryption (for the operator to give the phone). */
    public String generate(KeyRef ref, ProfileEncryption encryption) {
        byte[] raw = new byte[encryption instanceof ProfileEncryption.Aes128GcmCoding ? 16 : 24];
        RANDOM.nextBytes(raw);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        set(ref, encryption, secret);
        return secret;
    }

    public Optional<String> find(KeyRef ref) {
        return store.find(ref).map(sealed -> new String(box.open(sealed, ref.context()), StandardCharsets.UTF_8));
    }

    public void remove(KeyRef ref) {
        store.remove(ref);
    }

    /** The bytes the cipher uses for this secret. */
    public static byte[] keyBytes(ProfileEncryption encryption, String secret) {
        validate(encryption, secret);
        if (encryption instanceof ProfileEncryption.Aes128GcmCoding) {
            return Base64.getUrlDecoder().decode(secret);
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    static void validate(ProfileEncryption encryption, String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length() > MAX_SECRET_LENGTH) {
            throw new IllegalArgumentException("a profile secret has at most " + MAX_SECRET_LENGTH + " characters");
        }
        if (encryption instanceof ProfileEncryption.Plain) {
            throw new IllegalArgumentException("a template sent in clear has no key");
        }
        if (encryption instanceof ProfileEncryption.OpensslAes256Cbc) {
            if (secret.length() < MIN_PASSPHRASE_LENGTH || secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new IllegalArgumentException("an AES-256-CBC passphrase has at least " + MIN_PASSPHRASE_LENGTH
                        + " printable ASCII characters without spaces (it goes into the phone's profile rule)");
            }
            return;
        }
        byte[] ikm;
        try {
            ikm = Base64.getUrlDecoder().decode(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("an aes128gcm key is unpadded base64url", e);
        }
        if (ikm.length != 16) {
            throw new IllegalArgumentException("an aes128gcm key is 16 bytes (22 base64url characters), not "
                    + ikm.length + " bytes");
        }
    }
}
