package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.cwmp.connreq.ConnectionRequestTransport;
import io.lodestar.acs.stun.StunCredentials;
import io.lodestar.acs.stun.StunServer;
import io.lodestar.acs.stun.StunSettings;
import io.lodestar.acs.stun.UdpBindings;
import io.lodestar.acs.stun.UdpConnectionRequestMessage;
import io.lodestar.acs.stun.UdpConnectionRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The UDP transport's choice of a device's address, and one request sent over real UDP from the STUN socket. */
class UdpConnectionRequestTransportTest {

    private static final DeviceId ID = new DeviceId("00D09E-Phone-UDP1");
    private final UdpBindings bindings = new UdpBindings(10, java.time.Duration.ofMinutes(5));
    private StunServer server;
    private UdpConnectionRequestTransport transport;

    @BeforeEach
    void start() {
        server = StunServer.start(StunSettings.from(Map.of("stun.bind", "127.0.0.1", "stun.port", "0",
                "stun.connection-request-copies", "1")), bindings, StunCredentials.none(), Clock.systemUTC());
        transport = new UdpConnectionRequestTransport(UdpConnectionRequests.over(server, bindings, Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theBindingLearnedUnderTheDeviceIdOrItsStunUsernameWinsOverTheReportedAddress() {
        bindings.record(ID.value(), new InetSocketAddress("198.51.100.9", 61000), Instant.now(), false, true);
        bindings.record("its-own-name", new InetSocketAddress("198.51.100.10", 61001), Instant.now(), false, true);

        assertThat(transport.addressFor(ID, Map.of("UDPConnectionRequestAddress", "203.0.113.5:7547")))
                .contains("udp://198.51.100.9:61000");
        assertThat(transport.addressFor(ID, Map.of("STUNUsername", "its-own-name")))
                .contains("udp://198.51.100.10:61001");
        assertThat(transport.addressFor(new DeviceId("other"), Map.of("UDPConnectionRequestAddress", "203.0.113.5:7547")))
                .contains("udp://203.0.113.5:7547");
    }

    @Test
    void aDeviceWithoutStunInItsMethodsOrWithStunOffOffersNoReportedAddress() {
        assertThat(transport.addressFor(ID, Map.of("UDPConnectionRequestAddress", "203.0.113.5:7547",
                "SupportedConnReqMethods", "HTTP"))).isEmpty();
        assertThat(transport.addressFor(ID, Map.of("UDPConnectionRequestAddress", "203.0.113.5:7547",
                "STUNEnable", "false"))).isEmpty();
        assertThat(transport.addressFor(ID, Map.of("UDPConnectionRequestAddress", "203.0.113.5:7547",
                "SupportedConnReqMethods", "HTTP, STUN", "STUNEnable", "true"))).contains("udp://203.0.113.5:7547");
        assertThat(transport.addressFor(ID, Map.of("UDPConnectionRequestAddress", "cpe.example.net:7547"))).isEmpty();
        assertThat(transport.addressFor(ID, Map.of())).isEmpty();
    }

    @Test
    void aRequestLeavesFromTheStunPortSignedForTheDevice() throws Exception {
        try (DatagramSocket cpe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            cpe.setSoTimeout(10_000);
            var target = new ConnectionRequestTransport.Target("udp://127.0.0.1:" + cpe.getLocalPort(), "u", "p");
            assertThat(transport.handles(target)).isTrue();
            assertThat(transport.handles(new ConnectionRequestTransport.Target("http://127.0.0.1/", "u", "p"))).isFalse();

            ConnectionRequestTransport.Delivery d = transport.send(target).get(10, TimeUnit.SECONDS);

            assertThat(d.result()).isEqualTo(ConnectionRequestTransport.Result.ACCEPTED);
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            cpe.receive(p);
            assertThat(p.getPort()).isEqualTo(server.localAddress().getPort());
            String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
            UdpConnectionRequestMessage m = UdpConnectionRequestMessage.parse(p.getData(), p.getLength());
            assertThat(text).startsWith("GET http://127.0.0.1:" + cpe.getLocalPort() + "?");
            assertThat(m.username()).isEqualTo("u");
            assertThat(m.signatureValid("p")).isTrue();
        }
    }

    @Test
    void anAddressThatIsNotAnIpLiteralIsUnreachable() throws Exception {
        ConnectionRequestTransport.Delivery d = transport.send(
                new ConnectionRequestTransport.Target("udp://cpe.example.net:7547", "u", "p")).get(10, TimeUnit.SECONDS);
        assertThat(d.result()).isEqualTo(ConnectionRequestTransport.Result.UNREACHABLE);
    }
}
