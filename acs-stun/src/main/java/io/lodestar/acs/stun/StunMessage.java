package io.lodestar.acs.stun;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A STUN message as this module reads and writes it: its type, its transaction id and its attributes, in order,
 * without MESSAGE-INTEGRITY and FINGERPRINT (the codec computes those when it writes, and checks them when it
 * reads: see {@link StunPacket}).
 *
 * @param type          the 16-bit message type, e.g. {@link #BINDING_REQUEST}
 * @param transactionId 12 bytes (RFC 5389, after the magic cookie), or 16 for an RFC 3489 "classic" message
 *                      whose transaction id includes the four bytes where the cookie would be
 * @param attributes    the attributes, in order
 */
public record StunMessage(int type, byte[] transactionId, List<StunAttribute> attributes) {

    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_INDICATION = 0x0011;
    public static final int BINDING_SUCCESS = 0x0101;
    public static final int BINDING_ERROR = 0x0111;

    public StunMessage {
        if (type < 0 || type > 0x3FFF) {
            throw new IllegalArgumentException("a STUN message type is 14 bits, not " + type);
        }
        if (transactionId.length != 12 && transactionId.length != 16) {
            throw new IllegalArgumentException("a transaction id is 12 bytes (16 for RFC 3489), not " + transactionId.length);
        }
        transactionId = transactionId.clone();
        attributes = List.copyOf(attributes);
    }

    @Override
    public byte[] transactionId() {
        return transactionId.clone();
    }

    /** An RFC 3489 message: no magic cookie, a 16-byte transaction id, no XOR-MAPPED-ADDRESS or FINGERPRINT. */
    public boolean classic() {
        return transactionId.length == 16;
    }

    /** The first attribute of that type. */
    public Optional<StunAttribute> attribute(int attributeType) {
        return attributes.stream().filter(a -> a.type() == attributeType).findFirst();
    }

    public boolean has(int attributeType) {
        return attribute(attributeType).isPresent();
    }

    /** The same transaction id, another type and attributes: a response to this message. */
    public StunMessage answer(int responseType, List<StunAttribute> responseAttributes) {
        return new StunMessage(responseType, transactionId, responseAttributes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunMessage m && m.type == type && Arrays.equals(m.transactionId, transactionId)
                && m.attributes.equals(attributes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type + Arrays.hashCode(transactionId)) + attributes.hashCode();
    }

    @Override
    public String toString() {
        return String.format("StunMessage[0x%04X %s %s]", type, HexFormat.of().formatHex(transactionId), attributes);
    }
}
