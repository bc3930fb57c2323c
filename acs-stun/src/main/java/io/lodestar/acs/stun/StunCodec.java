package io.lodestar.acs.stun;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * STUN messages to bytes and back (RFC 5389 6 and 15; RFC 3489 "classic" messages, without the magic cookie,
 * are read and answered too, since TR-111 CPEs were written against it). Decoding checks every length against
 * the datagram and never reads past it; a datagram it cannot read is refused with a {@link StunFormatException}.
 */
public final class StunCodec {

    /** The largest datagram this module processes (an Ethernet MTU): anything longer is dropped unread. */
    public static final int MAX_DATAGRAM = 1500;
    public static final int HEADER = 20;

    private StunCodec() {
    }

    /** The short-term credential key of a password: its UTF-8 bytes (SASLprep is left out: ASCII passwords). */
    public static byte[] key(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads one datagram.
     *
     * @throws StunFormatException when it is not a well-formed STUN message
     */
    public static StunPacket decode(byte[] datagram) throws StunFormatException {
        return decode(datagram, datagram.length);
    }

    /** Reads the first {@code length} bytes of {@code buffer}. */
    public static StunPacket decode(byte[] buffer, int length) throws StunFormatException {
        if (length < HEADER) {
            throw new StunFormatException("a STUN message is at least 20 bytes, this datagram has " + length);
        }
        byte[] b = Arrays.copyOf(buffer, length);
        if ((b[0] & 0xC0) != 0) {
            throw new StunFormatException("not STUN: the first two bits are not zero");
        }
        int type = u16(b, 0);
        int declared = u16(b, 2);
        if (declared != length - HEADER) {
            throw new StunFormatException("the header announces " + declared + " bytes of attributes, the datagram carries "
                    + (length - HEADER));
        }
        if (declared % 4 != 0) {
            throw new StunFormatException("the attributes' length " + declared + " is not a multiple of 4");
        }
        boolean classic = ByteBuffer.wrap(b, 4, 4).getInt() != StunMessage.MAGIC_COOKIE;
        byte[] transactionId = Arrays.copyOfRange(b, classic ? 4 : 8, HEADER);
        List<StunAttribute> attributes = new ArrayList<>();
        int integrity = -1;
        int fingerprint = -1;
        int pos = HEADER;
        while (pos < length) {
            if (fingerprint >= 0) {
                throw new StunFormatException("an attribute follows FINGERPRINT, which must come last");
            }
            if (pos + 4 > length) {
                throw new StunFormatException("an attribute header is cut off at byte " + pos);
            }
            int attributeType = u16(b, pos);
            int attributeLength = u16(b, pos + 2);
            int valueStart = pos + 4;
            int next = valueStart + (attributeLength + 3) / 4 * 4;
            if (next > length) {
                throw new StunFormatException(String.format("attribute 0x%04X of %d bytes runs past the end of the datagram",
                        attributeType, attributeLength));
            }
            if (attributeType == StunAttribute.FINGERPRINT) {
                if (attributeLength != 4) {
                    throw new StunFormatException("FINGERPRINT is 4 bytes, not " + attributeLength);
                }
                fingerprint = pos;
            } else if (integrity >= 0) {
                // RFC 5389 15.4: attributes after MESSAGE-INTEGRITY, other than FINGERPRINT, are ignored
            } else if (attributeType == StunAttribute.MESSAGE_INTEGRITY) {
                if (attributeLength != 20) {
                    throw new StunFormatException("MESSAGE-INTEGRITY is 20 bytes, not " + attributeLength);
                }
                integrity = pos;
            } else {
                attributes.add(new StunAttribute(attributeType, Arrays.copyOfRange(b, valueStart, valueStart + attributeLength)));
            }
            pos = next;
        }
        return new StunPacket(new StunMessage(type, transactionId, attributes), b, integrity, fingerprint);
    }

    /**
     * Writes a message, padding attribute values with zeros.
     *
     * @param integrityKey the MESSAGE-INTEGRITY key, or null for none
     * @param fingerprint  whether to end with FINGERPRINT (never for RFC 3489 messages, which do not know it)
     */
    public static byte[] encode(StunMessage message, byte[] integrityKey, boolean fingerprint) {
        return encode(message, integrityKey, fingerprint, (byte) 0);
    }

    /** {@link #encode(StunMessage, byte[], boolean)} with another padding byte (RFC 5769's vectors pad with spaces). */
    static byte[] encode(StunMessage message, byte[] integrityKey, boolean fingerprint, byte padding) {
        if (fingerprint && message.classic()) {
            throw new IllegalArgumentException("RFC 3489 messages have no FINGERPRINT");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (StunAttribute a : message.attributes()) {
            if (a.type() == StunAttribute.MESSAGE_INTEGRITY || a.type() == StunAttribute.FINGERPRINT) {
                throw new IllegalArgumentException("MESSAGE-INTEGRITY and FINGERPRINT are computed, not given");
            }
            body.write(a.type() >>> 8);
            body.write(a.type());
            body.write(a.length() >>> 8);
            body.write(a.length());
            body.writeBytes(a.value());
            for (int i = a.length(); i % 4 != 0; i++) {
                body.write(padding);
            }
        }
        int total = HEADER + body.size() + (integrityKey != null ? 24 : 0) + (fingerprint ? 8 : 0);
        if (total - HEADER > 0xFFFF) {
            throw new IllegalArgumentException("a STUN message's attributes fit in 65535 bytes, these take " + (total - HEADER));
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        out.putShort((short) message.type()).putShort((short) (total - HEADER));
        if (!message.classic()) {
            out.putInt(StunMessage.MAGIC_COOKIE);
        }
        out.put(message.transactionId()).put(body.toByteArray());
        byte[] bytes = out.array();
        if (integrityKey != null) {
            int at = out.position();
            byte[] mac = message.classic()
                    ? StunPacket.hmac(integrityKey, bytes, at, total - HEADER, true)
                    : StunPacket.hmac(integrityKey, bytes, at, at - HEADER + 24, false);
            out.putShort((short) StunAttribute.MESSAGE_INTEGRITY).putShort((short) 20).put(mac);
        }
        if (fingerprint) {
            int at = out.position();
            int crc = StunPacket.fingerprint(bytes, at, total - HEADER);
            out.putShort((short) StunAttribute.FINGERPRINT).putShort((short) 4).putInt(crc);
        }
        return bytes;
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }
}
