package io.lodestar.acs.service;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The services over a real embedded store in a temporary directory, a clock the test moves, and the events
 * they announced. Device {@link #KNOWN} has a learned data model; {@link #FRESH} was registered and never
 * discovered.
 */
abstract class ServiceFixture {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final DeviceId KNOWN = new DeviceId("00D09E-RG7-KNOWN0001");
    static final DeviceId FRESH = new DeviceId("00D09E-RG7-FRESH0001");
    static final DeviceId UNKNOWN = new DeviceId("00D09E-RG7-NOBODY");

    static final String SERIAL = "Device.DeviceInfo.SerialNumber";
    static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";
    static final String ENABLE = "Device.ManagementServer.PeriodicInformEnable";
    static final String INFORM_TIME = "Device.ManagementServer.PeriodicInformTime";
    static final String UNTYPED = "Device.X_ACME.Untyped";
    static final String UNSURE = "Device.X_ACME.Unsure";
    static final String CERTIFICATE = "Device.X_ACME.Certificate";
    static final String PORT_MAPPINGS = "Device.NAT.PortMapping.";
    static final String HOSTS = "Device.Hosts.Host.";

    @TempDir
    Path tmp;

    AcsStore store;
    MovableClock clock;
    List<DomainEvent> events;
    DeviceService devices;
    TaskService tasks;

    @BeforeEach
    void openStore() {
        store = RocksAcsStore.open(tmp.resolve("store"), IndexedParameters.of(SERIAL));
        clock = new MovableClock(T0);
        Services services = Services.over(store, clock);
        events = new CopyOnWriteArrayList<>();
        services.events().register(events::add);
        devices = services.devices();
        tasks = services.tasks();
        seed();
        events.clear();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private void seed() {
        Device known = Device.register(KNOWN, T0.minusSeconds(3600)).withDiscovery(false, T0.minusSeconds(3000));
        SessionChanges.Builder tree = new SessionChanges.Builder(known)
                .upsert(object("Device."))
                .upsert(object("Device.DeviceInfo."))
                .upsert(new Parameter(SERIAL, "SN0001", "xsd:string", false, T0))
                .upsert(object("Device.ManagementServer."))
                .upsert(new Parameter(INTERVAL, "3600", "xsd:unsignedInt", true, T0))
                .upsert(new Parameter(ENABLE, "true", "xsd:boolean", true, T0))
                .upsert(new Parameter(INFORM_TIME, "0001-01-01T00:00:00Z", "xsd:dateTime", true, T0))
                // learned by name only: no value, no type
                .upsert(new Parameter(UNTYPED, null, null, true, T0))
                // a value whose writability the device never told
                .upsert(new Parameter(UNSURE, "7", "xsd:int", null, T0))
                .upsert(new Parameter(CERTIFICATE, "", "xsd:base64", true, T0))
                .upsert(object("Device.NAT."))
                .upsert(object(PORT_MAPPINGS))
                .upsert(object(HOSTS))
                .upsert(object(HOSTS + "1."))
                .upsert(new Parameter(HOSTS + "1.IPAddress", "192.0.2.10", "xsd:string", false, T0));
        store.commit(tree.build());
        // what the first Inform of a device carries, before its data model is walked
        store.commit(new SessionChanges.Builder(Device.register(FRESH, T0.minusSeconds(60)))
                .upsert(new Parameter(INTERVAL, "86400", "xsd:unsignedInt", null, T0)).build());
    }

    /** Asserts that the call is refused with {@code code}; the message is for the caller to check. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(ErrorCode code,
                                                                         ThrowableAssert.ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(ServiceException.class)
                .satisfies(e -> assertThat(((ServiceException) e).code()).isEqualTo(code));
    }

    static Parameter object(String path) {
        return new Parameter(path, null, null, false, T0);
    }

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
