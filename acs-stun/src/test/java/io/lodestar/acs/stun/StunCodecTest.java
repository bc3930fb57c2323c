package io.lodestar.acs.stun;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 5769's test vectors (sections 2.1 to 2.3), and what the decoder refuses. */
class StunCodecTest {

    private static final byte[] KEY = StunCodec.key("VOkJxbRl1RmTxUk/WvJxBt");
    private static final byte[] TRANSACTION = Hex.bytes("b7 e7 a7 01 bc 34 d6 86 fa 87 df ae");

    static final byte[] SAMPLE_REQUEST = Hex.bytes("""
            00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
            00 24 00 04 6e 00 01 ff
            80 29 00 08 93 2f f9 b1 51 26 3b 36
            00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
            00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
            80 28 00 04 e5 7a 3b cf""");

    static final byte[] SAMPLE_IPV4_RESPONSE = Hex.bytes("""
            01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
            00 20 00 08 00 01 a1 47 e1 12 a6 43
            00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
            80 28 00 04 c0 7d 4c 96""");

    static final byte[] SAMPLE_IPV6_RESPONSE = Hex.bytes("""
            01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
            00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
            00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75 bf e3 ed 41
            80 28 00 04 c8 fb 0b 4c""");

    @Test
    void theSampleRequestDecodesWithItsIntegrityAndFingerprintValid() throws Exception {
        StunPacket p = StunCodec.decode(SAMPLE_REQUEST);

        assertThat(p.message().type()).isEqualTo(StunMessage.BINDING_REQUEST);
        assertThat(p.message().classic()).isFalse();
        assertThat(p.message().transactionId()).isEqualTo(TRANSACTION);
        assertThat(p.message().attribute(StunAttribute.USERNAME).orElseThrow().text()).isEqualTo("evtj:h6vY");
        assertThat(p.message().attribute(StunAttribute.SOFTWARE).orElseThrow().text()).isEqualTo("STUN test client");
        assertThat(p.integrityValid(KEY)).isTrue();
        assertThat(p.integrityValid(StunCodec.key("wrong"))).isFalse();
        assertThat(p.fingerprintValid()).isTrue();
    }

    @Test
    void theSampleIpv4ResponseIsWrittenByteForByte() throws Exception {
        StunPacket p = StunCodec.decode(SAMPLE_IPV4_RESPONSE);
        assertThat(p.integrityValid(KEY)).isTrue();
        assertThat(p.fingerprintValid()).isTrue();
        assertThat(StunAddresses.readXorMapped(p.message().attribute(StunAttribute.XOR_MAPPED_ADDRESS).orElseThrow(),
                TRANSACTION)).isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));

        StunMessage response = new StunMessage(StunMessage.BINDING_SUCCESS, TRANSACTION, List.of(
                StunAttribute.text(StunAttribute.SOFTWARE, "test vector"),
                StunAddresses.xorMapped(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853), TRANSACTION)));
        // RFC 5769 pads with spaces (RFC 5389 lets the padding be anything; this codec writes zeros by default)
        assertThat(StunCodec.encode(response, KEY, true, (byte) ' ')).isEqualTo(SAMPLE_IPV4_RESPONSE);
    }

    @Test
    void theSampleIpv6ResponseIsWrittenByteForByte() throws Exception {
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
        StunPacket p = StunCodec.decode(SAMPLE_IPV6_RESPONSE);
        assertThat(p.integrityValid(KEY)).isTrue();
        assertThat(p.fingerprintValid()).isTrue();
        assertThat(StunAddresses.readXorMapped(p.message().attribute(StunAttribute.XOR_MAPPED_ADDRESS).orElseThrow(),
                TRANSACTION)).isEqualTo(mapped);

        StunMessage response = new StunMessage(StunMessage.BINDING_SUCCESS, TRANSACTION, List.of(
                StunAttribute.text(StunAttribute.SOFTWARE, "test vector"), StunAddresses.xorMapped(mapped, TRANSACTION)));
        assertThat(StunCodec.encode(response, KEY, true, (byte) ' ')).isEqualTo(SAMPLE_IPV6_RESPONSE);
    }

    @Test
    void whatItWritesItReadsBack() throws Exception {
        StunMessage m = new StunMessage(StunMessage.BINDING_REQUEST, TRANSACTION, List.of(
                StunAttribute.text(StunAttribute.USERNAME, "00D09E-IGD-0001"),
                StunAttribute.text(StunAttribute.CONNECTION_REQUEST_BINDING, StunAttribute.TR111_BINDING_VALUE),
                new StunAttribute(StunAttribute.BINDING_CHANGE, new byte[0])));
        StunPacket p = StunCodec.decode(StunCodec.encode(m, StunCodec.key("pw"), true));

        assertThat(p.message()).isEqualTo(m);
        assertThat(p.integrityValid(StunCodec.key("pw"))).isTrue();
        assertThat(p.fingerprintValid()).isTrue();
    }

    @Test
    void aClassicMessageKeepsItsSixteenByteTransactionIdAndIntegrity() throws Exception {
        byte[] id = Hex.bytes("00112233445566778899aabbccddeeff");
        StunMessage m = new StunMessage(StunMessage.BINDING_REQUEST, id, List.of(StunAttribute.text(StunAttribute.USERNAME, "cpe")));
        StunPacket p = StunCodec.decode(StunCodec.encode(m, StunCodec.key("pw"), false));

        assertThat(p.message().classic()).isTrue();
        assertThat(p.message().transactionId()).isEqualTo(id);
        assertThat(p.integrityValid(StunCodec.key("pw"))).isTrue();
        assertThatThrownBy(() -> StunCodec.encode(m, null, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void attributesAfterMessageIntegrityAreIgnored() throws Exception {
        byte[] withExtra = Hex.bytes("""
                00 01 00 20 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
                00 08 00 14 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                80 22 00 04 61 62 63 64""");
        assertThat(StunCodec.decode(withExtra).message().attributes()).isEmpty();
    }

    @Test
    void malformedDatagramsAreRefusedWithTheReason() {
        assertRefused("", "at least 20 bytes");
        assertRefused("47 45 54 20 68 74 74 70 3a 2f 2f 31 30 2e 30 2e 30 2e 31 3a", "first two bits");
        assertRefused("00 01 00 08 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae", "announces 8 bytes");
        assertRefused("00 01 00 02 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae 00 06", "multiple of 4");
        assertRefused("00 01 00 04 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae 00 06 00 09", "runs past the end");
        assertRefused("00 01 00 08 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae 00 08 00 04 00 00 00 00",
                "MESSAGE-INTEGRITY is 20 bytes");
        assertRefused("00 01 00 10 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae 80 28 00 04 00 00 00 00 80 22 00 00 80 22 00 00",
                "follows FINGERPRINT");
    }

    private static void assertRefused(String hex, String reason) {
        assertThatThrownBy(() -> StunCodec.decode(Hex.bytes(hex))).isInstanceOf(StunFormatException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void errorCodesCarryClassAndNumber() throws Exception {
        assertThat(StunAddresses.readErrorCode(StunAddresses.errorCode(401, "Unauthorized"))).isEqualTo(401);
        assertThat(StunAddresses.readErrorCode(StunAddresses.errorCode(420, "Unknown Attribute"))).isEqualTo(420);
        assertThatThrownBy(() -> StunAddresses.errorCode(200, "OK")).isInstanceOf(IllegalArgumentException.class);
    }
}
