package io.lodestar.acs.server;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.LearnedUdpBinding;
import io.lodestar.acs.cwmp.connreq.CredentialCipher;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import io.lodestar.acs.stun.StunSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Learned UDP bindings across ACS nodes: two nodes' STUN servers on one store (the embedded engine here; the store
 * contract holds both engines to the same promises); a binding node A learned is where node B sends its UDP
 * connection request, ahead of the address the device reported.
 */
class SharedUdpBindingsTest {

    private static final DeviceId PHONE = new DeviceId("00D09E-Phone-SHARED1");
    private static final Duration TTL = Duration.ofMinutes(30);

    @TempDir
    Path data;

    private RocksAcsStore store;
    private StunWiring nodeA;
    private StunWiring nodeB;

    @AfterEach
    void stop() {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private StunWiring node(String name, Clock clock) {
        StunWiring stun = StunWiring.start(StunSettings.from(Map.of("stun.enabled", "true", "stun.bind", "127.0.0.1",
                "stun.port", "0")), CredentialCipher.fromSettingOrFile(null, data));
        stun.shareBindings(store, store, name, TTL, clock, Runnable::run);
        return stun;
    }

    @Test
    void aBindingLearnedByOneNodeIsWhereAnotherNodeSendsAndWhatTheApiShows() {
        store = RocksAcsStore.open(data.resolve("store"), RocksAcsStore.Option.NO_SYNC);
        nodeA = node("node-a", Clock.systemUTC());
        nodeB = node("node-b", Clock.systemUTC());
        Instant now = Instant.now();

        nodeA.bindings().record(PHONE.value(), new InetSocketAddress("198.51.100.9", 61000), now, false, true);

        assertThat(store.udpBinding(PHONE)).get().satisfies(b -> {
            assertThat(b.address()).isEqualTo("198.51.100.9:61000");
            assertThat(b.node()).isEqualTo("node-a");
            assertThat(b.authenticated()).isTrue();
        });
        // node B learned nothing itself: the stored binding goes before the reported address
        assertThat(nodeB.transport().addressFor(PHONE, Map.of("UDPConnectionRequestAddress", "203.0.113.5:7547")))
                .contains("udp://198.51.100.9:61000");
        assertThat(nodeB.learned(PHONE)).map(LearnedUdpBinding::node).contains("node-a");
        // a binding a node learned itself goes first
        nodeB.bindings().record(PHONE.value(), new InetSocketAddress("198.51.100.9", 62000), now, false, true);
        assertThat(nodeB.learned(PHONE)).map(LearnedUdpBinding::address).contains("198.51.100.9:62000");
    }

    @Test
    void aStoredBindingOlderThanTheTtlIsIgnoredAndUnauthenticatedOnesOfUnknownDevicesAreNotStored() {
        store = RocksAcsStore.open(data.resolve("store"), RocksAcsStore.Option.NO_SYNC);
        nodeA = node("node-a", Clock.systemUTC());
        nodeB = node("node-b", Clock.offset(Clock.systemUTC(), TTL.plusMinutes(1))); // its clock: a TTL later
        nodeA.bindings().record(PHONE.value(), new InetSocketAddress("198.51.100.9", 61000), Instant.now(), false, true);

        assertThat(nodeB.transport().addressFor(PHONE, Map.of("UDPConnectionRequestAddress", "203.0.113.5:7547")))
                .contains("udp://203.0.113.5:7547");

        // made-up usernames without MESSAGE-INTEGRITY leave no rows behind; a registered device's binding is kept
        DeviceId unknown = new DeviceId("made-up-name");
        nodeA.bindings().record(unknown.value(), new InetSocketAddress("192.0.2.1", 1), Instant.now(), false, false);
        assertThat(store.udpBinding(unknown)).isEmpty();
        DeviceId known = new DeviceId("00D09E-Phone-KNOWN");
        store.register(Device.register(known, Instant.now()));
        nodeA.bindings().record(known.value(), new InetSocketAddress("192.0.2.2", 2), Instant.now(), false, false);
        assertThat(store.udpBinding(known)).map(LearnedUdpBinding::authenticated).contains(false);
    }
}
