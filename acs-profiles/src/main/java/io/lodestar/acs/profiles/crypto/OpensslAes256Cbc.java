package io.lodestar.acs.profiles.crypto;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The format {@code openssl enc -e -aes-256-cbc -md md5 -k SECRET} writes: {@code "Salted__"}, an 8-byte salt, then
 * AES-256-CBC with PKCS#7 padding under a key and IV derived by OpenSSL's {@code EVP_BytesToKey} with MD5 and one
 * iteration. That derivation is what OpenSSL 0.9.7 used by default, and Cisco multiplatform phones decrypt profiles
 * with it ({@code [--key SECRET]} in the profile rule), so it is kept although it is weak against guessing: the
 * secret must be long and random (the key store generates such secrets).
 */
public final class OpensslAes256Cbc {

    /** The 8 bytes that open every salted file. */
    public static final byte[] MAGIC = "Salted__".getBytes(StandardCharsets.US_ASCII);
    public static final int SALT_LENGTH = 8;
    private static final int KEY_LENGTH = 32;
    private static final int IV_LENGTH = 16;

    private OpensslAes256Cbc() {
    }

    /**
     * @param passphrase the bytes of the {@code -k} argument (its UTF-8 form)
     * @param salt       8 bytes
     */
    public static byte[] encrypt(byte[] plaintext, byte[] passphrase, byte[] salt) {
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("the salt has " + SALT_LENGTH + " bytes, not " + salt.length);
        }
        byte[] ciphertext = run(Cipher.ENCRYPT_MODE, plaintext, passphrase, salt);
        byte[] out = new byte[MAGIC.length + SALT_LENGTH + ciphertext.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        System.arraycopy(salt, 0, out, MAGIC.length, SALT_LENGTH);
        System.arraycopy(ciphertext, 0, out, MAGIC.length + SALT_LENGTH, ciphertext.length);
        return out;
    }

    /**
     * The inverse of {@link #encrypt}, as {@code openssl enc -d -aes-256-cbc -md md5 -k SECRET} does it.
     *
     * @throws IllegalArgumentException when the bytes are not a salted file or the passphrase is wrong
     */
    public static byte[] decrypt(byte[] encrypted, byte[] passphrase) {
        int header = MAGIC.length + SALT_LENGTH;
        if (encrypted.length < header + IV_LENGTH
                || !Arrays.equals(encrypted, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not an openssl salted file (no \"Salted__\" header)");
        }
        byte[] salt = Arrays.copyOfRange(encrypted, MAGIC.length, header);
        return run(Cipher.DECRYPT_MODE, Arrays.copyOfRange(encrypted, header, encrypted.length), passphrase, salt);
    }

    /**
     * {@code EVP_BytesToKey(aes-256-cbc, md5, salt, passphrase, count=1)}: D1 = MD5(pass || salt),
     * Di = MD5(Di-1 || pass || salt), concatenated until there are 32 key and 16 IV bytes.
     */
    static byte[] keyAndIv(byte[] passphrase, byte[] salt) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] out = new byte[KEY_LENGTH + IV_LENGTH];
            byte[] previous = new byte[0];
            int filled = 0;
            while (filled < out.length) {
                md5.update(previous);
                md5.update(passphrase);
                md5.update(salt);
                previous = md5.digest();
                int n = Math.min(previous.length, out.length - filled);
                System.arraycopy(previous, 0, out, filled, n);
                filled += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    private static byte[] run(int mode, byte[] input, byte[] passphrase, byte[] salt) {
        byte[] keyIv = keyAndIv(passphrase, salt);
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(mode, new SecretKeySpec(keyIv, 0, KEY_LENGTH, "AES"),
                    new IvParameterSpec(keyIv, KEY_LENGTH, IV_LENGTH));
            return cipher.doFinal(input);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw new IllegalArgumentException("the file does not decrypt with this passphrase", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES/CBC/PKCS5Padding", e);
        } finally {
            Arrays.fill(keyIv, (byte) 0);
        }
    }
}
