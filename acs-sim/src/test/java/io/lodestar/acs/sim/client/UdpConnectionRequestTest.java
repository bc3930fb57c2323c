package io.lodestar.acs.sim.client;

import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.model.StunParameters;
import io.lodestar.acs.stun.StunCredentials;
import io.lodestar.acs.stun.StunPolicy;
import io.lodestar.acs.stun.StunServer;
import io.lodestar.acs.stun.StunSettings;
import io.lodestar.acs.stun.UdpBinding;
import io.lodestar.acs.stun.UdpBindings;
import io.lodestar.acs.stun.UdpConnectionRequestAttempt;
import io.lodestar.acs.stun.UdpConnectionRequestMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * UDP connection requests through the STUN server, over real UDP on loopback: the simulated CPE's STUN client
 * against acs-stun's server, the ACS's side of the session played by {@link FakeAcs}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpConnectionRequestTest {

    private static final String SERIAL = "UDPPHONE1";
    private static final String MS = "Device.ManagementServer.";
    private static final String CR_PASSWORD = "cr-secret";
    private static final String STUN_PASSWORD = "stun-secret";

    private final UdpBindings bindings = new UdpBindings(100, Duration.ofMinutes(5));
    private final List<String> told = Collections.synchronizedList(new ArrayList<>());
    private FakeAcs acs;
    private Simulator sim;
    private StunServer stun;
    private DatagramSocket attacker;

    @BeforeEach
    void setUp() throws IOException {
        acs = new FakeAcs();
        sim = new Simulator(2);
        bindings.addListener((b, change) -> told.add(change.name()));
        stun = StunServer.start(StunSettings.from(Map.of("stun.bind", "127.0.0.1", "stun.port", "0",
                        "stun.connection-request-copies", "3", "stun.connection-request-interval", "50ms",
                        "stun.connection-request-max-interval", "100ms")),
                bindings, StunCredentials.of(Map.of(SERIAL, STUN_PASSWORD)), Clock.systemUTC());
        attacker = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void tearDown() {
        attacker.close();
        sim.close();
        stun.close();
        acs.close();
    }

    /** A phone with STUN on, pointed at the test's STUN server. */
    private DataModel phoneWithStunOn() {
        DataModel phone = StunParameters.withStun(DataModel.ipPhone(SERIAL));
        StunPolicy.of("127.0.0.1", stun.localAddress().getPort()).enable("Device.", SERIAL, STUN_PASSWORD)
                .forEach(p -> phone.set(p.name(), p.value()));
        phone.set(MS + "ConnectionRequestPassword", CR_PASSWORD);
        return phone;
    }

    private static StunClientOptions fast() {
        return StunClientOptions.defaults().withKeepAlive(Duration.ofMillis(200));
    }

    private UdpBinding learned() {
        await().atMost(Duration.ofSeconds(10)).until(() -> bindings.find(SERIAL, Instant.now()).isPresent());
        return bindings.find(SERIAL, Instant.now()).orElseThrow();
    }

    private void sendRaw(CpeStunClient client, byte[] datagram) throws IOException {
        attacker.send(new DatagramPacket(datagram, datagram.length, client.localAddress()));
    }

    private static byte[] signed(CpeStunClient client, long ts, long id, String cnonce, String password) {
        return UdpConnectionRequestMessage.signed(UdpConnectionRequestMessage.formatAddress(client.localAddress()),
                ts, id, SERIAL, cnonce, password).toBytes();
    }

    @Test
    void theCpesBindingIsLearnedAndReportedInItsNextInform() throws Exception {
        SimulatedCpe cpe = sim.cpe(acs.url(), phoneWithStunOn());
        CpeStunClient client = CpeStunClient.start(cpe, fast());

        UdpBinding binding = learned();
        assertThat(binding.address()).isEqualTo(client.localAddress());
        assertThat(binding.authenticated()).as("signed with the STUNPassword").isTrue();
        String address = "127.0.0.1:" + client.localAddress().getPort();
        await().atMost(Duration.ofSeconds(10)).until(() -> cpe.model()
                .value(MS + "UDPConnectionRequestAddress").orElse("").equals(address));
        await().atMost(Duration.ofSeconds(10)).until(() -> told.contains("REPORTED_BY_CPE"));
        assertThat(told).startsWith("LEARNED");
        assertThat(binding.connectionRequestAddress()).isEqualTo(address);

        SessionReport r = cpe.runSession().get(30, TimeUnit.SECONDS);
        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(r.eventCodes()).contains("4 VALUE CHANGE");
        assertThat(acs.sessions().get(0).inform.parameterList())
                .contains(ParameterValueStruct.string(MS + "UDPConnectionRequestAddress", address));
        assertThat(client.stats().bindingErrors()).isZero();
    }

    @Test
    void theAcsTurnsStunOnWithTheStunPolicy() throws Exception {
        DataModel phone = StunParameters.withStun(DataModel.ipPhone(SERIAL));
        List<ParameterValueStruct> values = StunPolicy.of("127.0.0.1", stun.localAddress().getPort())
                .enable("Device.", SERIAL, STUN_PASSWORD);
        acs.script(inform -> inform.hasEvent("0 BOOTSTRAP") ? List.of(new SetParameterValues(values, "stun-on")) : List.of());
        SimulatedCpe cpe = sim.cpe(acs.url(), phone);
        CpeStunClient client = CpeStunClient.start(cpe, fast());
        assertThat(client.stats().bindingRequests()).as("STUN is off until the ACS turns it on").isZero();

        SessionReport r = cpe.runSession().get(30, TimeUnit.SECONDS);
        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(learned().address()).isEqualTo(client.localAddress());
    }

    @Test
    void aSignedUdpConnectionRequestStartsASession() throws Exception {
        SimulatedCpe cpe = sim.cpe(acs.url(), phoneWithStunOn());
        CpeStunClient client = CpeStunClient.start(cpe, fast());
        UdpBinding binding = learned();

        CompletableFuture<SessionReport> next = cpe.nextConnectionRequestSession();
        UdpConnectionRequestAttempt attempt = stun.connectionRequests().send(binding.address(), SERIAL, CR_PASSWORD);
        assertThat(attempt.outcome().get(10, TimeUnit.SECONDS).sent()).isTrue();

        SessionReport r = next.get(30, TimeUnit.SECONDS);
        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(r.eventCodes()).contains("6 CONNECTION REQUEST");
        assertThat(acs.sessions()).anySatisfy(s -> assertThat(s.inform.hasEvent("6 CONNECTION REQUEST")).isTrue());
        // the ACS's extra copies carry the same id: the CPE acted once
        int copies = attempt.finished().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().replayed() == copies - 1);
        assertThat(client.stats().accepted()).isEqualTo(1);
        assertThat(cpe.connectionRequestCount()).isEqualTo(1);
    }

    @Test
    void aWrongSignatureOrUsernameIsIgnored() throws Exception {
        SimulatedCpe cpe = sim.cpe(acs.url(), phoneWithStunOn());
        CpeStunClient client = CpeStunClient.start(cpe, fast());
        UdpBinding binding = learned();

        stun.connectionRequests().send(binding.address(), SERIAL, "guessed").finished().get(10, TimeUnit.SECONDS);
        stun.connectionRequests().send(binding.address(), "someone-else", CR_PASSWORD).finished().get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().wrongCredentials() == 6);
        assertThat(client.stats().accepted()).isZero();
        assertThat(cpe.connectionRequestCount()).isZero();
        assertThat(acs.sessions()).isEmpty();
    }

    @Test
    void aReplayedIdOrAStaleTimestampIsIgnored() throws Exception {
        SimulatedCpe cpe = sim.cpe(acs.url(), phoneWithStunOn());
        CpeStunClient client = CpeStunClient.start(cpe, fast());
        learned();
        long now = Instant.now().getEpochSecond();

        CompletableFuture<SessionReport> first = cpe.nextConnectionRequestSession();
        sendRaw(client, signed(client, now, 77, "CNONCE1", CR_PASSWORD));
        assertThat(first.get(30, TimeUnit.SECONDS).eventCodes()).contains("6 CONNECTION REQUEST");

        // rightly signed, a new cnonce and time: still the id already used
        sendRaw(client, signed(client, now + 1, 77, "CNONCE2", CR_PASSWORD));
        sendRaw(client, signed(client, now - 3600, 78, "CNONCE3", CR_PASSWORD));
        sendRaw(client, signed(client, now - 10, 79, "CNONCE4", CR_PASSWORD));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().replayed() == 1 && client.stats().stale() == 2);
        assertThat(cpe.connectionRequestCount()).isEqualTo(1);
        assertThat(acs.sessions()).hasSize(1);
    }

    @Test
    void malformedDatagramsAreCountedAndTheCpeKeepsListening() throws Exception {
        SimulatedCpe cpe = sim.cpe(acs.url(), phoneWithStunOn());
        CpeStunClient client = CpeStunClient.start(cpe, fast());
        UdpBinding binding = learned();

        sendRaw(client, new byte[] {0x47, 0x45});
        sendRaw(client, "GET http://127.0.0.1:1?ts=1&id=1 HTTP/1.1\r\n\r\n".getBytes());
        sendRaw(client, new byte[1600]);
        byte[] stunLike = new byte[24];
        stunLike[4] = 0x21;
        stunLike[5] = 0x12;
        stunLike[6] = (byte) 0xA4;
        stunLike[7] = 0x42;
        sendRaw(client, stunLike);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().malformed() == 4);

        CompletableFuture<SessionReport> next = cpe.nextConnectionRequestSession();
        stun.connectionRequests().send(binding.address(), SERIAL, CR_PASSWORD);
        assertThat(next.get(30, TimeUnit.SECONDS).eventCodes()).contains("6 CONNECTION REQUEST");
    }
}
