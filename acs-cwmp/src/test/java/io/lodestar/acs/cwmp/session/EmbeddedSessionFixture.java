package io.lodestar.acs.cwmp.session;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.cwmp.auth.CpeAuthenticator;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.embedded.RocksAcsStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A session service over a real embedded store, with a clock the test moves. */
final class EmbeddedSessionFixture implements AutoCloseable {

    static final DeviceIdStruct PHONE = new DeviceIdStruct("Cisco", "00562B", "CP-8851", "FCH1234");
    static final DeviceId PHONE_ID = new DeviceId("00562B-CP%2D8851-FCH1234");
    static final String CPE_ADDRESS = "192.0.2.7";

    final RocksAcsStore store;
    final SessionRegistry registry = new SessionRegistry(Duration.ofSeconds(30));
    private Instant now = Instant.parse("2026-12-01T10:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    EmbeddedSessionFixture(Path dir) {
        store = RocksAcsStore.open(dir, RocksAcsStore.Option.NO_SYNC);
    }

    SessionService service(CpeAuthenticator authenticator, SessionListener listener) {
        return service(store, SessionPolicy.DEFAULT, authenticator, listener);
    }

    SessionService service(AcsStore over, SessionPolicy policy, CpeAuthenticator authenticator,
                           SessionListener listener) {
        return new SessionService(over, policy, registry, clock, "node-a", Duration.ofSeconds(60), authenticator,
                listener);
    }

    /** A service letting every CPE in whose stalled sessions are replaced after {@code takeover}. */
    SessionService service(Duration takeover, SessionListener listener) {
        return new SessionService(store, SessionPolicy.DEFAULT, registry, clock, "node-a", Duration.ofSeconds(60),
                io.lodestar.acs.cwmp.auth.AllowAll.INSTANCE, listener, takeover);
    }

    Instant now() {
        return now;
    }

    void advance(Duration by) {
        now = now.plus(by);
    }

    /** The phone as a device already discovered, so that its sessions go straight to its tasks. */
    Device storeKnownPhone() {
        Device device = Device.register(PHONE_ID, now).withDiscovery(false, now);
        store.commit(new SessionChanges(device, false, Set.of(), Map.of(), List.of(), List.of(), null));
        return device;
    }

    Task queue(TaskAction action) {
        return store.addTask(Task.queue(PHONE_ID, action, now, Duration.ofHours(1)));
    }

    static CwmpEnvelope inform(String id, EventStruct... events) {
        Inform inform = new Inform(PHONE, List.of(events), 1, "2026-12-01T10:00:00Z", 0,
                List.of(ParameterValueStruct.string("Device.DeviceInfo.SoftwareVersion", "12.0.1")));
        return new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId(id), inform);
    }

    static CwmpEnvelope inform(String id, String event) {
        return inform(id, EventStruct.of(event));
    }

    static CwmpEnvelope answer(CwmpMessage message) {
        return new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId("lodestar-1"), message);
    }

    @Override
    public void close() {
        store.close();
    }
}
