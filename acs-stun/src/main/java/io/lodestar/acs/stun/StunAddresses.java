package io.lodestar.acs.stun;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The address attributes (MAPPED-ADDRESS, XOR-MAPPED-ADDRESS) and ERROR-CODE, both ways. */
public final class StunAddresses {

    private static final int IPV4 = 1;
    private static final int IPV6 = 2;

    private StunAddresses() {
    }

    /** MAPPED-ADDRESS: what RFC 3489-era CPEs read. */
    public static StunAttribute mapped(InetSocketAddress address) {
        return new StunAttribute(StunAttribute.MAPPED_ADDRESS, encode(address, new byte[16], false));
    }

    /** XOR-MAPPED-ADDRESS (RFC 5389 15.2): port and address XORed with the cookie (and the transaction id, IPv6). */
    public static StunAttribute xorMapped(InetSocketAddress address, byte[] transactionId) {
        return new StunAttribute(StunAttribute.XOR_MAPPED_ADDRESS, encode(address, xorMask(transactionId), true));
    }

    /** Reads MAPPED-ADDRESS. */
    public static InetSocketAddress readMapped(StunAttribute attribute) throws StunFormatException {
        return decode(attribute.value(), new byte[16], false);
    }

    /** Reads XOR-MAPPED-ADDRESS of a message with this (12-byte) transaction id. */
    public static InetSocketAddress readXorMapped(StunAttribute attribute, byte[] transactionId) throws StunFormatException {
        return decode(attribute.value(), xorMask(transactionId), true);
    }

    /** ERROR-CODE (RFC 5389 15.6): the class and number of {@code code} (300-699) and a reason phrase. */
    public static StunAttribute errorCode(int code, String reason) {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("a STUN error code is 300..699, not " + code);
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + text.length);
        b.putShort((short) 0).put((byte) (code / 100)).put((byte) (code % 100)).put(text);
        return new StunAttribute(StunAttribute.ERROR_CODE, b.array());
    }

    /** The code of an ERROR-CODE attribute. */
    public static int readErrorCode(StunAttribute attribute) throws StunFormatException {
        byte[] v = attribute.value();
        if (v.length < 4) {
            throw new StunFormatException("ERROR-CODE is at least 4 bytes, not " + v.length);
        }
        return (v[2] & 0x07) * 100 + (v[3] & 0xFF);
    }

    private static byte[] xorMask(byte[] transactionId) {
        if (transactionId.length != 12) {
            throw new IllegalArgumentException("XOR-MAPPED-ADDRESS needs an RFC 5389 (12-byte) transaction id");
        }
        ByteBuffer mask = ByteBuffer.allocate(16).putInt(StunMessage.MAGIC_COOKIE).put(transactionId);
        return mask.array();
    }

    private static byte[] encode(InetSocketAddress address, byte[] mask, boolean xor) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("an unresolved address has no STUN form: " + address);
        }
        byte[] raw = ip.getAddress();
        ByteBuffer b = ByteBuffer.allocate(4 + raw.length);
        int port = address.getPort() ^ (xor ? StunMessage.MAGIC_COOKIE >>> 16 : 0);
        b.put((byte) 0).put((byte) (ip instanceof Inet4Address ? IPV4 : IPV6)).putShort((short) port);
        for (int i = 0; i < raw.length; i++) {
            b.put((byte) (raw[i] ^ mask[i]));
        }
        return b.array();
    }

    private static InetSocketAddress decode(byte[] v, byte[] mask, boolean xor) throws StunFormatException {
        if (v.length < 4) {
            throw new StunFormatException("an address attribute is at least 4 bytes, not " + v.length);
        }
        int family = v[1] & 0xFF;
        int size = family == IPV4 ? 4 : family == IPV6 ? 16 : -1;
        if (size < 0) {
            throw new StunFormatException("unknown address family " + family);
        }
        if (v.length != 4 + size) {
            throw new StunFormatException("an address attribute of family " + family + " is " + (4 + size) + " bytes, not " + v.length);
        }
        int port = (((v[2] & 0xFF) << 8) | (v[3] & 0xFF)) ^ (xor ? StunMessage.MAGIC_COOKIE >>> 16 : 0);
        byte[] raw = Arrays.copyOfRange(v, 4, 4 + size);
        for (int i = 0; i < raw.length; i++) {
            raw[i] ^= mask[i];
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(raw), port);
        } catch (UnknownHostException e) {
            throw new StunFormatException("a bad address: " + e.getMessage());
        }
    }
}
