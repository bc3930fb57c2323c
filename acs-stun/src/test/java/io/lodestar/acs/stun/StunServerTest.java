package io.lodestar.acs.stun;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The STUN server over real UDP on loopback. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StunServerTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final UdpBindings bindings = new UdpBindings(100, Duration.ofMinutes(5));
    private final List<String> told = Collections.synchronizedList(new ArrayList<>());
    private StunServer server;
    private DatagramSocket cpe;

    @BeforeEach
    void setUp() throws IOException {
        bindings.addListener((b, change) -> told.add(b.username() + " " + change));
        server = StunServer.start(StunSettings.from(Map.of("stun.bind", "127.0.0.1", "stun.port", "0")), bindings,
                StunCredentials.of(Map.of("SECURED", "stun-secret")), Clock.systemUTC());
        cpe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        cpe.setSoTimeout(3000);
    }

    @AfterEach
    void tearDown() {
        cpe.close();
        server.close();
    }

    private static byte[] transaction() {
        byte[] t = new byte[12];
        RANDOM.nextBytes(t);
        return t;
    }

    private static StunMessage bindingRequest(byte[] transaction, String username, boolean bindingChange) {
        List<StunAttribute> a = new ArrayList<>();
        if (username != null) {
            a.add(StunAttribute.text(StunAttribute.USERNAME, username));
        }
        a.add(StunAttribute.text(StunAttribute.CONNECTION_REQUEST_BINDING, StunAttribute.TR111_BINDING_VALUE));
        if (bindingChange) {
            a.add(new StunAttribute(StunAttribute.BINDING_CHANGE, new byte[0]));
        }
        return new StunMessage(StunMessage.BINDING_REQUEST, transaction, a);
    }

    private StunPacket exchange(byte[] request) throws Exception {
        send(request);
        byte[] buffer = new byte[2048];
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        cpe.receive(p);
        return StunCodec.decode(buffer, p.getLength());
    }

    private void send(byte[] bytes) throws IOException {
        cpe.send(new DatagramPacket(bytes, bytes.length, server.localAddress()));
    }

    private InetSocketAddress cpeAddress() {
        return (InetSocketAddress) cpe.getLocalSocketAddress();
    }

    @Test
    void aBindingRequestIsAnsweredWithTheSendersAddressAndItsBindingLearned() throws Exception {
        byte[] t = transaction();
        StunPacket answer = exchange(StunCodec.encode(bindingRequest(t, "00D09E-IGD-0001", false), null, true));

        StunMessage m = answer.message();
        assertThat(m.type()).isEqualTo(StunMessage.BINDING_SUCCESS);
        assertThat(m.transactionId()).isEqualTo(t);
        assertThat(StunAddresses.readXorMapped(m.attribute(StunAttribute.XOR_MAPPED_ADDRESS).orElseThrow(), t))
                .isEqualTo(cpeAddress());
        assertThat(StunAddresses.readMapped(m.attribute(StunAttribute.MAPPED_ADDRESS).orElseThrow())).isEqualTo(cpeAddress());
        assertThat(answer.fingerprintValid()).as("a FINGERPRINT answered with one").isTrue();
        assertThat(answer.hasIntegrity()).isFalse();

        UdpBinding b = bindings.find("00D09E-IGD-0001", Clock.systemUTC().instant()).orElseThrow();
        assertThat(b.address()).isEqualTo(cpeAddress());
        assertThat(b.connectionRequestAddress()).isEqualTo("127.0.0.1:" + cpeAddress().getPort());
        assertThat(b.authenticated()).isFalse();
        assertThat(told).containsExactly("00D09E-IGD-0001 LEARNED");
    }

    @Test
    void keepAlivesRefreshSilentlyAndBindingChangeIsTold() throws Exception {
        exchange(StunCodec.encode(bindingRequest(transaction(), "CPE1", false), null, false));
        exchange(StunCodec.encode(bindingRequest(transaction(), "CPE1", false), null, false));
        exchange(StunCodec.encode(bindingRequest(transaction(), "CPE1", true), null, false));

        assertThat(told).containsExactly("CPE1 LEARNED", "CPE1 REPORTED_BY_CPE");
        try (DatagramSocket moved = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            moved.setSoTimeout(3000);
            byte[] r = StunCodec.encode(bindingRequest(transaction(), "CPE1", false), null, false);
            moved.send(new DatagramPacket(r, r.length, server.localAddress()));
            moved.receive(new DatagramPacket(new byte[2048], 2048));
            assertThat(told).containsExactly("CPE1 LEARNED", "CPE1 REPORTED_BY_CPE", "CPE1 MOVED");
            assertThat(bindings.find("CPE1", Clock.systemUTC().instant()).orElseThrow().address())
                    .isEqualTo(moved.getLocalSocketAddress());
        }
    }

    @Test
    void aPlainBindingRequestIsAnsweredButLearnsNothing() throws Exception {
        StunMessage plain = new StunMessage(StunMessage.BINDING_REQUEST, transaction(), List.of(
                StunAttribute.text(StunAttribute.USERNAME, "CPE2")));
        assertThat(exchange(StunCodec.encode(plain, null, false)).message().type()).isEqualTo(StunMessage.BINDING_SUCCESS);
        StunMessage anonymous = bindingRequest(transaction(), null, false);
        assertThat(exchange(StunCodec.encode(anonymous, null, false)).message().type()).isEqualTo(StunMessage.BINDING_SUCCESS);

        assertThat(bindings.size()).isZero();
        assertThat(told).isEmpty();
    }

    @Test
    void aKnownUsernameMustSignWithItsStunPassword() throws Exception {
        StunPacket unsigned = exchange(StunCodec.encode(bindingRequest(transaction(), "SECURED", false), null, false));
        assertThat(unsigned.message().type()).isEqualTo(StunMessage.BINDING_ERROR);
        assertThat(StunAddresses.readErrorCode(unsigned.message().attribute(StunAttribute.ERROR_CODE).orElseThrow())).isEqualTo(401);

        StunPacket wrong = exchange(StunCodec.encode(bindingRequest(transaction(), "SECURED", false), StunCodec.key("guess"), false));
        assertThat(StunAddresses.readErrorCode(wrong.message().attribute(StunAttribute.ERROR_CODE).orElseThrow())).isEqualTo(401);
        assertThat(bindings.size()).isZero();

        StunPacket signed = exchange(StunCodec.encode(bindingRequest(transaction(), "SECURED", false),
                StunCodec.key("stun-secret"), true));
        assertThat(signed.message().type()).isEqualTo(StunMessage.BINDING_SUCCESS);
        assertThat(signed.integrityValid(StunCodec.key("stun-secret"))).as("the answer is signed with the same key").isTrue();
        assertThat(bindings.find("SECURED", Clock.systemUTC().instant()).orElseThrow().authenticated()).isTrue();
    }

    @Test
    void requiredIntegrityRefusesUnknownUsernames() throws Exception {
        try (StunServer strict = StunServer.start(StunSettings.from(Map.of("stun.bind", "127.0.0.1", "stun.port", "0",
                "stun.require-integrity", "true")), bindings, StunCredentials.none(), Clock.systemUTC())) {
            byte[] r = StunCodec.encode(bindingRequest(transaction(), "STRANGER", false), null, false);
            cpe.send(new DatagramPacket(r, r.length, strict.localAddress()));
            byte[] buffer = new byte[2048];
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            cpe.receive(p);
            StunMessage answer = StunCodec.decode(buffer, p.getLength()).message();
            assertThat(StunAddresses.readErrorCode(answer.attribute(StunAttribute.ERROR_CODE).orElseThrow())).isEqualTo(401);
            assertThat(bindings.size()).isZero();
        }
    }

    @Test
    void anUnknownComprehensionRequiredAttributeGets420() throws Exception {
        StunMessage m = new StunMessage(StunMessage.BINDING_REQUEST, transaction(), List.of(
                new StunAttribute(0x0024, new byte[] {1, 2, 3, 4})));
        StunMessage answer = exchange(StunCodec.encode(m, null, false)).message();
        assertThat(StunAddresses.readErrorCode(answer.attribute(StunAttribute.ERROR_CODE).orElseThrow())).isEqualTo(420);
        assertThat(answer.attribute(StunAttribute.UNKNOWN_ATTRIBUTES).orElseThrow().value()).containsExactly(0x00, 0x24);
    }

    @Test
    void aClassicRfc3489RequestGetsMappedAddressOnly() throws Exception {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        id[0] = 0x11; // not the magic cookie
        StunMessage m = new StunMessage(StunMessage.BINDING_REQUEST, id, List.of(
                StunAttribute.text(StunAttribute.USERNAME, "OLDCPE"),
                StunAttribute.text(StunAttribute.CONNECTION_REQUEST_BINDING, StunAttribute.TR111_BINDING_VALUE)));
        StunPacket answer = exchange(StunCodec.encode(m, null, false));

        assertThat(answer.message().classic()).isTrue();
        assertThat(answer.message().transactionId()).isEqualTo(id);
        assertThat(answer.message().has(StunAttribute.XOR_MAPPED_ADDRESS)).isFalse();
        assertThat(StunAddresses.readMapped(answer.message().attribute(StunAttribute.MAPPED_ADDRESS).orElseThrow()))
                .isEqualTo(cpeAddress());
        assertThat(bindings.find("OLDCPE", Clock.systemUTC().instant())).isPresent();
    }

    @Test
    void malformedAndOversizedDatagramsAreDroppedAndTheServerGoesOn() throws Exception {
        byte[] garbage = new byte[300];
        RANDOM.nextBytes(garbage);
        garbage[0] = 0x00;
        send(garbage);
        send(new byte[] {0, 1, 0});
        send(Hex.bytes("00 01 00 04 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae 00 06 ff ff"));
        send("GET http://127.0.0.1 HTTP/1.1\r\n\r\n".getBytes());
        byte[] huge = StunCodec.encode(new StunMessage(StunMessage.BINDING_REQUEST, transaction(), List.of(
                new StunAttribute(StunAttribute.SOFTWARE, new byte[1600]))), null, false);
        send(huge);
        byte[] badFingerprint = StunCodec.encode(bindingRequest(transaction(), "CPE3", false), null, true);
        badFingerprint[badFingerprint.length - 1] ^= 1;
        send(badFingerprint);
        send(StunCodec.encode(new StunMessage(StunMessage.BINDING_INDICATION, transaction(), List.of()), null, false));
        send(StunCodec.encode(new StunMessage(StunMessage.BINDING_SUCCESS, transaction(), List.of()), null, false));
        // the valid request below is answered: had any of the above been answered, its answer would come first

        byte[] t = transaction();
        StunPacket ok = exchange(StunCodec.encode(bindingRequest(t, "CPE3", false), null, false));
        assertThat(ok.message().type()).isEqualTo(StunMessage.BINDING_SUCCESS);
        assertThat(ok.message().transactionId()).isEqualTo(t);
        assertThat(server.stats().dropped()).isEqualTo(8);
        assertThat(server.stats().answered()).isEqualTo(1);
        assertThat(bindings.snapshot()).containsOnlyKeys("CPE3");
    }
}
