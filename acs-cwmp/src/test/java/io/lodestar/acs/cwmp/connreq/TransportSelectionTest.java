package io.lodestar.acs.cwmp.connreq;

import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.ConnectionRequestOutcome;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.device.Reachability;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.cwmp.event.SessionEvent;
import io.lodestar.acs.httpauth.DigestAlgorithm;
import io.lodestar.acs.store.DeviceStore;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Which transport wakes a device: HTTP first and the UDP-like transport (a fake here, acs-server wires the real
 * one over acs-stun) when HTTP cannot connect, or first when the device is behind NAT or names STUN first; the
 * outcomes heard by an observer (the metrics).
 */
class TransportSelectionTest {

    private static final DeviceId ID = new DeviceId("00D09E-UDP-1");

    @TempDir
    Path dir;

    private RocksAcsStore store;
    private final Map<DeviceId, Device> devices = new HashMap<>();
    private final Map<String, String> managementServer = new HashMap<>();
    private final DeviceStore deviceStore = mock(DeviceStore.class);
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final FakeUdp udp = new FakeUdp();
    private CredentialCipher cipher;

    @BeforeEach
    void open() {
        store = RocksAcsStore.open(dir.resolve("store"));
        cipher = CredentialCipher.fromSettingOrFile(null, dir);
        when(deviceStore.findDevice(any())).thenAnswer(i -> Optional.ofNullable(devices.get(i.getArgument(0))));
        when(deviceStore.parameters(any(), anyString())).thenAnswer(i -> managementServer.entrySet().stream()
                .map(e -> new Parameter(i.getArgument(1) + e.getKey(), e.getValue(), "xsd:string", false, Instant.now()))
                .toList());
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        store.close();
    }

    private void device(String url, String informedFrom) {
        devices.put(ID, Device.builder(ID, Instant.now()).reachability(new Reachability(url))
                .inventory(new Inventory("Device.", null, null))
                .lastContact(new LastContact(Instant.now(), null, List.of(), informedFrom, "1.4")).build());
    }

    private ConnectionRequester requester() {
        ConnectionRequester r = ConnectionRequester.http(deviceStore, store, cipher, ConnectionRequestSettings.defaults(),
                "node-a", Clock.systemUTC(), udp);
        closing.add(0, r);
        r.setCredentials(ID, "u", "p", true);
        return r;
    }

    private static ConnectionRequestAttempt get(CompletableFuture<ConnectionRequestAttempt> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    private static String closedPortUrl() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/cr";
        }
    }

    private static SessionEvent.Opened connectionRequestSession() {
        return new SessionEvent.Opened(ID, "s-1", Instant.now(), List.of(new EventStruct(EventStruct.CONNECTION_REQUEST, "")),
                "127.0.0.1", CwmpVersion.V1_4);
    }

    @Test
    void anHttpUrlThatRefusesTheConnectionFallsBackToTheUdpAddress() throws Exception {
        device(closedPortUrl(), "127.0.0.1");
        managementServer.put("UDPConnectionRequestAddress", "127.0.0.1:40001");
        ConnectionRequester r = requester();

        Wakeup w = r.wake(ID);
        ConnectionRequestAttempt delivered = get(w.delivered());
        assertThat(delivered.outcome()).isEqualTo(ConnectionRequestOutcome.ACCEPTED);
        assertThat(delivered.target()).isEqualTo("udp://127.0.0.1:40001");
        assertThat(udp.sent).extracting(ConnectionRequestTransport.Target::address).containsExactly("udp://127.0.0.1:40001");
        assertThat(udp.sent.get(0).username()).isEqualTo("u");

        r.listener().sessionOpened(connectionRequestSession());
        assertThat(get(w.finished()).outcome()).isEqualTo(ConnectionRequestOutcome.SESSION_STARTED);
        assertThat(udp.stopped).containsExactly("udp://127.0.0.1:40001");
    }

    @Test
    void aReachableHttpUrlIsUsedAndTheUdpAddressIsNotTried() throws Exception {
        FakeDevice cpe = new FakeDevice("u", "p", DigestAlgorithm.MD5);
        closing.add(cpe);
        device(cpe.url(), "127.0.0.1");
        managementServer.put("UDPConnectionRequestAddress", "127.0.0.1:40001");

        ConnectionRequestAttempt a = get(requester().wake(ID).delivered());
        assertThat(a.target()).isEqualTo(cpe.url());
        assertThat(cpe.accepted.get()).isEqualTo(1);
        assertThat(udp.sent).isEmpty();
    }

    @Test
    void aDeviceBehindNatIsWokenOverUdpFirst() throws Exception {
        FakeDevice cpe = new FakeDevice("u", "p", DigestAlgorithm.MD5);
        closing.add(cpe);
        // its LAN URL, and it informed from elsewhere: HTTP would cost a connect time-out in a NAT that drops the SYN
        device("http://192.168.1.20:" + cpe.port() + "/cr", "127.0.0.1");
        managementServer.put("UDPConnectionRequestAddress", "127.0.0.1:40001");

        ConnectionRequestAttempt a = get(requester().wake(ID).delivered());
        assertThat(a.target()).isEqualTo("udp://127.0.0.1:40001");
        assertThat(cpe.accepted.get()).isZero();
    }

    @Test
    void aDeviceNamingStunBeforeHttpIsWokenOverUdpFirst() throws Exception {
        FakeDevice cpe = new FakeDevice("u", "p", DigestAlgorithm.MD5);
        closing.add(cpe);
        device(cpe.url(), "127.0.0.1");
        managementServer.put("UDPConnectionRequestAddress", "127.0.0.1:40001");
        managementServer.put("SupportedConnReqMethods", "STUN,HTTP");

        assertThat(get(requester().wake(ID).delivered()).target()).isEqualTo("udp://127.0.0.1:40001");
        assertThat(cpe.accepted.get()).isZero();
    }

    @Test
    void aDeviceWithoutAUrlButWithAUdpAddressIsWokenOverUdp() throws Exception {
        device(null, "127.0.0.1");
        managementServer.put("UDPConnectionRequestAddress", "127.0.0.1:40001");
        assertThat(get(requester().wake(ID).delivered()).target()).isEqualTo("udp://127.0.0.1:40001");
    }

    @Test
    void aDeviceWithNeitherIsNoUrlSayingSo() throws Exception {
        device(null, "127.0.0.1");
        ConnectionRequestAttempt a = get(requester().wake(ID).finished());
        assertThat(a.outcome()).isEqualTo(ConnectionRequestOutcome.NO_URL);
        assertThat(a.detail()).contains("no UDP connection request address");
    }

    @Test
    void anObserverHearsEachDeliveryOnceWithItsResult() throws Exception {
        device(closedPortUrl(), "127.0.0.1"); // no UDP address: unreachable
        ConnectionRequester r = requester();
        List<ConnectionRequestAttempt> heard = new CopyOnWriteArrayList<>();
        r.onDelivery(heard::add);

        ConnectionRequestAttempt a = get(r.wake(ID).finished());
        assertThat(a.outcome()).isEqualTo(ConnectionRequestOutcome.UNREACHABLE);
        assertThat(heard).singleElement().satisfies(h -> {
            assertThat(h.outcome()).isEqualTo(ConnectionRequestOutcome.UNREACHABLE);
            assertThat(h.outcomeAt()).isAfterOrEqualTo(h.requestedAt());
        });

        managementServer.put("UDPConnectionRequestAddress", "127.0.0.1:40001");
        Wakeup w = r.wake(ID);
        get(w.delivered());
        r.listener().sessionOpened(connectionRequestSession());
        assertThat(get(w.finished()).outcome()).isEqualTo(ConnectionRequestOutcome.SESSION_STARTED);
        assertThat(heard).hasSize(2);
        assertThat(heard.get(1).outcome()).isEqualTo(ConnectionRequestOutcome.ACCEPTED);
        assertThat(heard.get(1).target()).isEqualTo("udp://127.0.0.1:40001");
    }

    @Test
    void aDerivedSecretIsTheSameForTheSameKeyAndSubjectAndDiffersOtherwise() {
        CredentialCipher other = CredentialCipher.fromSettingOrFile(new byte[32], dir.resolve("other"));
        String a = cipher.derive("stun", ID.value());
        assertThat(a).hasSize(24).isEqualTo(CredentialCipher.fromSettingOrFile(null, dir).derive("stun", ID.value()));
        assertThat(cipher.derive("stun", "00D09E-UDP-2")).isNotEqualTo(a);
        assertThat(cipher.derive("other-use", ID.value())).isNotEqualTo(a);
        assertThat(other.derive("stun", ID.value())).isNotEqualTo(a);
    }

    /** Offers the reported UDPConnectionRequestAddress as udp://, and "delivers" every request. */
    private static final class FakeUdp implements ConnectionRequestTransport {
        final List<Target> sent = new CopyOnWriteArrayList<>();
        final List<String> stopped = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Delivery> send(Target target) {
            sent.add(target);
            return CompletableFuture.completedFuture(new Delivery(Result.ACCEPTED, "UDP sent"));
        }

        @Override
        public boolean handles(Target target) {
            return target.address().startsWith("udp://");
        }

        @Override
        public boolean offersAddresses() {
            return true;
        }

        @Override
        public Optional<String> addressFor(DeviceId device, Map<String, String> ms) {
            return Optional.ofNullable(ms.get("UDPConnectionRequestAddress")).filter(a -> !a.isBlank()).map(a -> "udp://" + a);
        }

        @Override
        public void sessionStarted(Target target) {
            stopped.add(target.address());
        }
    }
}
