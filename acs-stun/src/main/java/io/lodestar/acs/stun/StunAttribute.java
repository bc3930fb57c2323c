package io.lodestar.acs.stun;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One STUN attribute: its type and its value without padding.
 *
 * @param type  the 16-bit attribute type, e.g. {@link #USERNAME}
 * @param value the value's bytes (at most 65535; copied in and out)
 */
public record StunAttribute(int type, byte[] value) {

    public static final int MAPPED_ADDRESS = 0x0001;
    /** RFC 3489's; RFC 5389 dropped it (a reflection vector): read, never honoured. */
    public static final int RESPONSE_ADDRESS = 0x0002;
    /** RFC 3489's; RFC 5389 dropped it: read, never honoured (this server has one address). */
    public static final int CHANGE_REQUEST = 0x0003;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int SOFTWARE = 0x8022;
    public static final int FINGERPRINT = 0x8028;
    /** TR-111 Part 2: the Binding Request keeps the CPE's UDP connection request binding open. */
    public static final int CONNECTION_REQUEST_BINDING = 0xC001;
    /** TR-111 Part 2: the CPE saw its binding change (its UDPConnectionRequestAddress is about to change). */
    public static final int BINDING_CHANGE = 0xC002;

    /** The value of CONNECTION-REQUEST-BINDING (TR-111: 20 bytes, with the trailing space). */
    public static final String TR111_BINDING_VALUE = "dslforum.org/TR-111 ";

    public StunAttribute {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("a STUN attribute type is 16 bits, not " + type);
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("a STUN attribute value is at most 65535 bytes, not " + value.length);
        }
        value = value.clone();
    }

    /** A UTF-8 text attribute (USERNAME, SOFTWARE, CONNECTION-REQUEST-BINDING). */
    public static StunAttribute text(int type, String text) {
        return new StunAttribute(type, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    int length() {
        return value.length;
    }

    /** The value read as UTF-8. */
    public String text() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** Types 0x0000-0x7FFF must be understood by the receiver (RFC 5389 15). */
    public boolean comprehensionRequired() {
        return type < 0x8000;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunAttribute a && a.type == type && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format("StunAttribute[0x%04X %s]", type, HexFormat.of().formatHex(value));
    }
}
