package io.lodestar.acs.cwmp.connreq;

import io.lodestar.acs.core.device.DeviceId;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;

/**
 * Seals connection request passwords for the store: AES-256-GCM, a fresh 96-bit nonce per password, the device
 * id as associated data (a sealed password copied to another device's row does not open). Sealed form: the
 * 12-byte nonce, then the ciphertext and its 16-byte tag. The key is given (a setting shared by every node of a
 * cluster) or kept in a file of the data directory, created on first start with mode 0600.
 */
public final class CredentialCipher {

    public static final String KEY_FILE = "connection-request.key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public CredentialCipher(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * A secret for one subject derived from this key: HMAC-SHA256 over the purpose and the subject, 24 characters
     * of base64url. The same on every node that shares the key, so it needs no storage (the STUN server asks for a
     * device's STUNPassword on every Binding Request, from memory). The purpose keeps two uses' secrets apart.
     */
    public String derive(String purpose, String subject) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] h = mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 24);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The key given, or the data directory's key file (created with a new random key, mode 0600, when missing). */
    public static CredentialCipher fromSettingOrFile(byte[] given, Path dataDirectory) {
        if (given != null) {
            return new CredentialCipher(given);
        }
        return new CredentialCipher(keyFile(dataDirectory.resolve(KEY_FILE)));
    }

    static byte[] keyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                try {
                    create(file, fresh);
                    return fresh;
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != 32) {
                throw new IllegalStateException("the connection request key file " + file + " holds " + key.length
                        + " bytes, not 32: restore it from a backup (passwords sealed with another key do not open)");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the connection request key " + file, e);
        }
    }

    private static void create(Path file, byte[] key) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
        } else {
            Files.createFile(file);
        }
        Files.write(file, key, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }

    public byte[] seal(DeviceId device, String password) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(device.value().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(password.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** @throws IllegalStateException when the sealed password does not open with this key for this device */
    public String open(DeviceId device, byte[] sealed) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("sealed password of " + device + " is too short");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(sealed, NONCE_BYTES)));
            c.updateAAD(device.value().getBytes(StandardCharsets.UTF_8));
            byte[] plain = c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("the sealed connection request password of " + device
                    + " does not open with this key (another node's key, or a replaced key file?)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }
}
