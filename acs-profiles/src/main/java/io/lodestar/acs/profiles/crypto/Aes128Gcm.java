package io.lodestar.acs.profiles.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The {@code aes128gcm} HTTP content coding of RFC 8188: a header (salt, record size, key id), then records each
 * sealed with AES-128-GCM under a key and nonce derived with HKDF-SHA-256 from the input keying material and the
 * salt (section 2). Records carry a delimiter (1 before the last record, 2 in the last) and no padding when this
 * class writes them; it reads padding when others add it.
 */
public final class Aes128Gcm {

    public static final int SALT_LENGTH = 16;
    /** The smallest record size the RFC allows: a 16-byte tag, a delimiter and one byte of content. */
    public static final int MIN_RECORD_SIZE = 18;
    private static final int TAG_LENGTH = 16;
    private static final int HEADER_FIXED = SALT_LENGTH + 4 + 1;
    private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);

    private Aes128Gcm() {
    }

    /**
     * @param inputKeyingMaterial the shared secret (16 bytes in the RFC's examples)
     * @param salt                16 bytes, never reused with the same keying material for a different content
     * @param recordSize          the size of each sealed record, at least {@link #MIN_RECORD_SIZE}
     * @param keyId               the key id written in the header, at most 255 bytes (may be empty)
     */
    public static byte[] encode(byte[] plaintext, byte[] inputKeyingMaterial, byte[] salt, int recordSize,
                                byte[] keyId) {
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("the salt has " + SALT_LENGTH + " bytes, not " + salt.length);
        }
        if (recordSize < MIN_RECORD_SIZE) {
            throw new IllegalArgumentException("the record size is at least " + MIN_RECORD_SIZE + ", not " + recordSize);
        }
        if (keyId.length > 255) {
            throw new IllegalArgumentException("a key id has at most 255 bytes, not " + keyId.length);
        }
        Keys keys = derive(inputKeyingMaterial, salt);
        int perRecord = recordSize - TAG_LENGTH - 1;
        int records = Math.max(1, (plaintext.length + perRecord - 1) / perRecord);
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER_FIXED + keyId.length + plaintext.length
                + records * (TAG_LENGTH + 1));
        out.writeBytes(salt);
        out.writeBytes(ByteBuffer.allocate(4).putInt(recordSize).array());
        out.write(keyId.length);
        out.writeBytes(keyId);
        for (int seq = 0; seq < records; seq++) {
            int from = seq * perRecord;
            int to = Math.min(plaintext.length, from + perRecord);
            byte[] record = Arrays.copyOfRange(plaintext, from, to + 1);
            record[record.length - 1] = (byte) (seq == records - 1 ? 2 : 1);
            out.writeBytes(seal(Cipher.ENCRYPT_MODE, keys, seq, record));
        }
        return out.toByteArray();
    }

    /** Decodes a body whose key is known without looking at the key id. */
    public static byte[] decode(byte[] body, byte[] inputKeyingMaterial) {
        return decode(body, keyId -> inputKeyingMaterial);
    }

    /**
     * @param keyForKeyId the input keying material for the header's key id
     * @throws IllegalArgumentException when the body is malformed, truncated or does not authenticate
     */
    public static byte[] decode(byte[] body, Function<byte[], byte[]> keyForKeyId) {
        if (body.length < HEADER_FIXED) {
            throw new IllegalArgumentException("an aes128gcm body has a header of at least " + HEADER_FIXED + " bytes");
        }
        byte[] salt = Arrays.copyOf(body, SALT_LENGTH);
        long recordSize = ByteBuffer.wrap(body, SALT_LENGTH, 4).getInt() & 0xffffffffL;
        int keyIdLength = body[SALT_LENGTH + 4] & 0xff;
        int start = HEADER_FIXED + keyIdLength;
        if (recordSize < MIN_RECORD_SIZE || body.length < start) {
            throw new IllegalArgumentException("malformed aes128gcm header");
        }
        Keys keys = derive(keyForKeyId.apply(Arrays.copyOfRange(body, HEADER_FIXED, start)), salt);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        boolean last = false;
        int seq = 0;
        for (int at = start; at < body.length; seq++) {
            if (last) {
                throw new IllegalArgumentException("data after the last aes128gcm record");
            }
            int end = (int) Math.min(body.length, at + recordSize);
            byte[] plain = seal(Cipher.DECRYPT_MODE, keys, seq, Arrays.copyOfRange(body, at, end));
            int delimiter = plain.length - 1;
            while (delimiter >= 0 && plain[delimiter] == 0) {
                delimiter--;
            }
            if (delimiter < 0 || (plain[delimiter] != 1 && plain[delimiter] != 2)) {
                throw new IllegalArgumentException("an aes128gcm record without a delimiter");
            }
            last = plain[delimiter] == 2;
            if (!last && end == body.length) {
                throw new IllegalArgumentException("the aes128gcm body is truncated: its last record is not marked last");
            }
            out.write(plain, 0, delimiter);
            at = end;
        }
        if (!last) {
            throw new IllegalArgumentException("the aes128gcm body has no records");
        }
        return out.toByteArray();
    }

    private record Keys(byte[] contentEncryptionKey, byte[] nonce) {
    }

    private static Keys derive(byte[] inputKeyingMaterial, byte[] salt) {
        byte[] prk = Hkdf.extract(salt, inputKeyingMaterial);
        return new Keys(Hkdf.expand(prk, CEK_INFO, 16), Hkdf.expand(prk, NONCE_INFO, 12));
    }

    /** The record's nonce is the derived nonce XOR the sequence number as a 96-bit big-endian integer. */
    private static byte[] seal(int mode, Keys keys, long seq, byte[] input) {
        byte[] nonce = keys.nonce().clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(keys.contentEncryptionKey(), "AES"),
                    new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("an aes128gcm record does not authenticate (wrong key or altered data)", e);
        } catch (GeneralSecurityException e) {
            if (mode == Cipher.DECRYPT_MODE) {
                throw new IllegalArgumentException("an aes128gcm record does not decrypt", e);
            }
            throw new IllegalStateException("every Java runtime has AES/GCM/NoPadding", e);
        }
    }
}
