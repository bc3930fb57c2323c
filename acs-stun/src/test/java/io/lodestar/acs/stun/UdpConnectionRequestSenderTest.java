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
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** UDP connection requests leave the STUN server's socket, signed, in copies. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UdpConnectionRequestSenderTest {

    private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

    private StunServer server;
    private DatagramSocket cpe;

    @BeforeEach
    void setUp() throws IOException {
        server = StunServer.start(StunSettings.from(Map.of("stun.bind", "127.0.0.1", "stun.port", "0",
                        "stun.connection-request-copies", "3", "stun.connection-request-interval", "50ms",
                        "stun.connection-request-max-interval", "80ms")),
                new UdpBindings(10, Duration.ofMinutes(1)), StunCredentials.none(), Clock.fixed(NOW, ZoneOffset.UTC));
        cpe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        cpe.setSoTimeout(3000);
    }

    @AfterEach
    void tearDown() {
        cpe.close();
        server.close();
    }

    private DatagramPacket receive() throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        cpe.receive(p);
        return p;
    }

    private InetSocketAddress cpeAddress() {
        return (InetSocketAddress) cpe.getLocalSocketAddress();
    }

    @Test
    void aRequestGoesOutSignedFromTheStunPortInIdenticalCopies() throws Exception {
        UdpConnectionRequestAttempt attempt = server.connectionRequests().send(cpeAddress(), "CPE57689", "cr-secret");

        assertThat(attempt.outcome().get(5, TimeUnit.SECONDS).sent()).isTrue();
        UdpConnectionRequestMessage first = null;
        for (int i = 0; i < 3; i++) {
            DatagramPacket p = receive();
            assertThat(p.getSocketAddress()).as("from the STUN server's own socket").isEqualTo(server.localAddress());
            UdpConnectionRequestMessage m = UdpConnectionRequestMessage.parse(p.getData(), p.getLength());
            first = first == null ? m : first;
            assertThat(m).isEqualTo(first);
        }
        assertThat(first.address()).isEqualTo("127.0.0.1:" + cpeAddress().getPort());
        assertThat(first.timestamp()).isEqualTo(NOW.getEpochSecond());
        assertThat(first.username()).isEqualTo("CPE57689");
        assertThat(first.cnonce()).matches("[A-Z0-9]{16}");
        assertThat(first.signatureValid("cr-secret")).isTrue();
        assertThat(first.id()).isEqualTo(attempt.id());
        assertThat(attempt.finished().get(5, TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void eachNewRequestHasTheNextId() throws Exception {
        UdpConnectionRequestAttempt a = server.connectionRequests().send(cpeAddress(), "u", "p");
        UdpConnectionRequestAttempt b = server.connectionRequests().send(cpeAddress(), "u", "p");
        assertThat(b.id()).isEqualTo(a.id() + 1);
        assertThat(a.message().cnonce()).isNotEqualTo(b.message().cnonce());
    }

    @Test
    void stoppingSendsNoFurtherCopies() throws Exception {
        UdpConnectionRequestAttempt attempt = server.connectionRequests().send(cpeAddress(), "u", "p");
        receive();
        attempt.stop();
        assertThat(attempt.finished().get(5, TimeUnit.SECONDS)).isLessThan(3);
        cpe.setSoTimeout(300);
        int extra = 0;
        try {
            while (true) {
                receive();
                extra++;
            }
        } catch (SocketTimeoutException expected) {
            // no more copies
        }
        assertThat(extra + 1).isEqualTo(attempt.finished().get());
    }

    @Test
    void copiesBackOffUpToTheMaximum() {
        UdpConnectionRequestSender s = new UdpConnectionRequestSender(new io.netty.channel.embedded.EmbeddedChannel(),
                Clock.systemUTC(), 6, Duration.ofMillis(500), Duration.ofSeconds(2));
        assertThat(s.delayBefore(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(s.delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.delayBefore(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.delayBefore(5)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anUnresolvedTargetOrAClosedServerFailsVisibly() throws Exception {
        UdpConnectionRequestAttempt unresolved = server.connectionRequests()
                .send(InetSocketAddress.createUnresolved("cpe.invalid", 7547), "u", "p");
        assertThat(unresolved.outcome().get(5, TimeUnit.SECONDS).sent()).isFalse();
        assertThat(unresolved.outcome().get().detail()).contains("not resolved");

        server.close();
        UdpConnectionRequestAttempt closed = server.connectionRequests().send(cpeAddress(), "u", "p");
        assertThat(closed.outcome().get(5, TimeUnit.SECONDS).detail()).contains("closed");
        assertThatThrownBy(() -> new UdpConnectionRequestSender(new io.netty.channel.embedded.EmbeddedChannel(),
                Clock.systemUTC(), 0, Duration.ofSeconds(1), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
