package io.lodestar.acs.stun;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UdpConnectionRequestMessageTest {

    @Test
    void theSignatureIsHmacSha1OfTsIdUnCnKeyedByThePassword() {
        // computed apart: printf '%s' 11206737001234CPE57689XTGRWIPC6D3IPXS3 | openssl dgst -sha1 -hmac cr-secret
        assertThat(UdpConnectionRequestMessage.sign("cr-secret", 1120673700, 1234, "CPE57689", "XTGRWIPC6D3IPXS3"))
                .isEqualTo("02D335026E2F791F1DE4ED1CD5CC82DF1B319C88");
        assertThat(UdpConnectionRequestMessage.sign("", 1120673700, 1234, "CPE57689", "XTGRWIPC6D3IPXS3"))
                .isEqualTo("5F944EAEB0FB75E6B16C804E2CFF5C8382AA446E");
    }

    @Test
    void itIsWrittenAsAnnexGShowsAndReadBack() {
        UdpConnectionRequestMessage m = UdpConnectionRequestMessage.signed("10.1.1.1:8080", 1120673700, 1234,
                "CPE57689", "XTGRWIPC6D3IPXS3", "cr-secret");

        assertThat(m.toText()).isEqualTo("GET http://10.1.1.1:8080?ts=1120673700&id=1234&un=CPE57689"
                + "&cn=XTGRWIPC6D3IPXS3&sig=02D335026E2F791F1DE4ED1CD5CC82DF1B319C88 HTTP/1.1\r\nHost: 10.1.1.1:8080\r\n\r\n");
        byte[] bytes = m.toBytes();
        UdpConnectionRequestMessage read = UdpConnectionRequestMessage.parse(bytes, bytes.length);
        assertThat(read).isEqualTo(m);
        assertThat(read.signatureValid("cr-secret")).isTrue();
        assertThat(read.signatureValid("other")).isFalse();
    }

    @Test
    void aUsernameWithReservedCharactersSurvivesTheQuery() {
        UdpConnectionRequestMessage m = UdpConnectionRequestMessage.signed("10.1.1.1:8080", 1, 2, "a b&c=d", "cn", "pw");
        byte[] bytes = m.toBytes();
        UdpConnectionRequestMessage read = UdpConnectionRequestMessage.parse(bytes, bytes.length);
        assertThat(read.username()).isEqualTo("a b&c=d");
        assertThat(read.signatureValid("pw")).isTrue();
    }

    @Test
    void lowerCaseSignaturesAreAccepted() {
        String text = "GET http://10.1.1.1:8080?ts=1120673700&id=1234&un=CPE57689&cn=XTGRWIPC6D3IPXS3"
                + "&sig=02d335026e2f791f1de4ed1cd5cc82df1b319c88 HTTP/1.1\r\n\r\n";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThat(UdpConnectionRequestMessage.parse(b, b.length).signatureValid("cr-secret")).isTrue();
    }

    @Test
    void whatIsNotAConnectionRequestIsRefusedWithTheReason() {
        assertRefused("POST http://h:1?ts=1&id=1&un=u&cn=c&sig=" + "0".repeat(40) + " HTTP/1.1", "GET request line");
        assertRefused("GET /path?ts=1 HTTP/1.1", "absolute http");
        assertRefused("GET http://h:1 HTTP/1.1", "no query");
        assertRefused("GET http://h:1?ts=1&id=1&un=u&cn=c HTTP/1.1", "'sig' missing");
        assertRefused("GET http://h:1?ts=1&ts=2&id=1&un=u&cn=c&sig=" + "0".repeat(40) + " HTTP/1.1", "given twice");
        assertRefused("GET http://h:1?ts=-1&id=1&un=u&cn=c&sig=" + "0".repeat(40) + " HTTP/1.1", "not an unsigned number");
        assertRefused("GET http://h:1?ts=9999999999&id=1&un=u&cn=c&sig=" + "0".repeat(40) + " HTTP/1.1", "larger than");
        assertRefused("GET http://h:1?ts=1&id=1&un=u&cn=c&sig=xyz HTTP/1.1", "40 hex digits");
        assertRefused("\u0000\u0001garbage", "GET request line");
        byte[] huge = new byte[1600];
        assertThatThrownBy(() -> UdpConnectionRequestMessage.parse(huge, huge.length)).hasMessageContaining("longer than");
    }

    private static void assertRefused(String text, String reason) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> UdpConnectionRequestMessage.parse(b, b.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @Test
    void addressesAreIpLiteralsWithAPort() throws Exception {
        assertThat(UdpConnectionRequestMessage.parseAddress("192.0.2.7:5060"))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 5060));
        assertThat(UdpConnectionRequestMessage.parseAddress("[2001:db8::1]:7547"))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 7547));
        assertThat(UdpConnectionRequestMessage.formatAddress(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 7547)))
                .isEqualTo("[2001:db8:0:0:0:0:0:1]:7547");
        assertThatThrownBy(() -> UdpConnectionRequestMessage.parseAddress("cpe.example.com:7547")).hasMessageContaining("IP address");
        assertThatThrownBy(() -> UdpConnectionRequestMessage.parseAddress("192.0.2.7")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> UdpConnectionRequestMessage.parseAddress("192.0.2.7:0")).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> UdpConnectionRequestMessage.parseAddress("2001:db8::1:7547")).hasMessageContaining("brackets");
        assertThatThrownBy(() -> UdpConnectionRequestMessage.parseAddress("192.0.2.7:x")).hasMessageContaining("not a number");
    }
}
