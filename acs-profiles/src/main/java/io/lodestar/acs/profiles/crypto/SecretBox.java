package io.lodestar.acs.profiles.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Seals secrets kept at rest (profile keys) with AES-256-GCM under a master key the caller supplies. A sealed value
 * is {@code version(1) || nonce(12) || ciphertext || tag(16)}; the context (e.g. {@code template:spa-base}) is
 * authenticated, so a sealed value copied to another entry does not open there.
 */
public final class SecretBox {

    public static final int MASTER_KEY_LENGTH = 32;
    private static final byte VERSION = 1;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec masterKey;

    /** @param masterKey 32 bytes (copied) */
    public SecretBox(byte[] masterKey) {
        if (masterKey.length != MASTER_KEY_LENGTH) {
            throw new IllegalArgumentException("the master key has " + MASTER_KEY_LENGTH + " bytes, not " + masterKey.length);
        }
        this.masterKey = new SecretKeySpec(masterKey.clone(), "AES");
    }

    public byte[] seal(byte[] secret, String context) {
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        byte[] ciphertext = run(Cipher.ENCRYPT_MODE, nonce, secret, context);
        byte[] out = new byte[1 + NONCE_LENGTH + ciphertext.length];
        out[0] = VERSION;
        System.arraycopy(nonce, 0, out, 1, NONCE_LENGTH);
        System.arraycopy(ciphertext, 0, out, 1 + NONCE_LENGTH, ciphertext.length);
        return out;
    }

    /** @throws IllegalArgumentException when the value was not sealed by this master key for this context */
    public byte[] open(byte[] sealed, String context) {
        if (sealed.length < 1 + NONCE_LENGTH + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalArgumentException("not a sealed secret of version " + VERSION);
        }
        byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + NONCE_LENGTH);
        return run(Cipher.DECRYPT_MODE, nonce, Arrays.copyOfRange(sealed, 1 + NONCE_LENGTH, sealed.length), context);
    }

    private byte[] run(int mode, byte[] nonce, byte[] input, String context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the sealed secret does not open with this master key for '" + context + "'", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES/GCM/NoPadding", e);
        }
    }
}
