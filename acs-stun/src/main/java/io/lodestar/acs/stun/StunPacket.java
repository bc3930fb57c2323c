package io.lodestar.acs.stun;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A decoded datagram: the message, and what is needed to check its MESSAGE-INTEGRITY and FINGERPRINT against the
 * bytes as they arrived (both cover the raw bytes before them, with the header's length adjusted, RFC 5389 15.4
 * and 15.5).
 *
 * @param message           the message (attributes before MESSAGE-INTEGRITY; those after it are ignored, as RFC
 *                          5389 requires)
 * @param integrityOffset   where the MESSAGE-INTEGRITY attribute starts, or -1
 * @param fingerprintOffset where the FINGERPRINT attribute starts, or -1
 */
public record StunPacket(StunMessage message, byte[] raw, int integrityOffset, int fingerprintOffset) {

    static final int FINGERPRINT_XOR = 0x5354554E;

    public StunPacket {
        raw = raw.clone();
    }

    public boolean hasIntegrity() {
        return integrityOffset >= 0;
    }

    public boolean hasFingerprint() {
        return fingerprintOffset >= 0;
    }

    /**
     * Whether MESSAGE-INTEGRITY is there and right for this key (short-term credentials: the password's bytes).
     * An RFC 3489 message's HMAC covers the text padded with zeros to a multiple of 64 bytes; old stacks disagree
     * on its length field, so both readings are tried.
     */
    public boolean integrityValid(byte[] key) {
        if (integrityOffset < 0 || key == null) {
            return false;
        }
        byte[] received = Arrays.copyOfRange(raw, integrityOffset + 4, integrityOffset + 24);
        if (!message.classic()) {
            return MessageDigest.isEqual(received, hmac(key, raw, integrityOffset, integrityOffset - 20 + 24, false));
        }
        int asSent = ((raw[2] & 0xFF) << 8) | (raw[3] & 0xFF);
        return MessageDigest.isEqual(received, hmac(key, raw, integrityOffset, asSent, true))
                || MessageDigest.isEqual(received, hmac(key, raw, integrityOffset, integrityOffset - 20 + 24, true));
    }

    /** Whether FINGERPRINT is there and right. */
    public boolean fingerprintValid() {
        if (fingerprintOffset < 0) {
            return false;
        }
        int received = ((raw[fingerprintOffset + 4] & 0xFF) << 24) | ((raw[fingerprintOffset + 5] & 0xFF) << 16)
                | ((raw[fingerprintOffset + 6] & 0xFF) << 8) | (raw[fingerprintOffset + 7] & 0xFF);
        return received == fingerprint(raw, fingerprintOffset, fingerprintOffset - 20 + 8);
    }

    /**
     * HMAC-SHA1 of {@code bytes[0, end)} with the header's length field read as {@code lengthField}; padded with
     * zeros to a multiple of 64 bytes for RFC 3489.
     */
    static byte[] hmac(byte[] key, byte[] bytes, int end, int lengthField, boolean pad64) {
        byte[] text = Arrays.copyOf(bytes, pad64 ? (end + 63) / 64 * 64 : end);
        Arrays.fill(text, end, text.length, (byte) 0);
        text[2] = (byte) (lengthField >>> 8);
        text[3] = (byte) lengthField;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            // an empty password is a key too: HMAC pads keys with zeros to 64 bytes, and SecretKeySpec refuses
            // an empty array, so give it the padded form
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[64] : key, "HmacSHA1"));
            return mac.doFinal(text);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    /** CRC-32 of {@code bytes[0, end)} with the length field read as {@code lengthField}, XOR 0x5354554E. */
    static int fingerprint(byte[] bytes, int end, int lengthField) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, 2);
        crc.update(new byte[] {(byte) (lengthField >>> 8), (byte) lengthField});
        crc.update(bytes, 4, end - 4);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunPacket p && p.message.equals(message) && Arrays.equals(p.raw, raw)
                && p.integrityOffset == integrityOffset && p.fingerprintOffset == fingerprintOffset;
    }

    @Override
    public int hashCode() {
        return message.hashCode() * 31 + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "StunPacket[" + message + ", " + raw.length + " bytes]";
    }
}
