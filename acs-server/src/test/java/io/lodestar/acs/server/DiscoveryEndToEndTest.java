package io.lodestar.acs.server;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.sim.client.CpeOptions;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.model.DataModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A simulated CPE bootstraps against the real endpoint and the ACS stores its whole tree, value for value. */
class DiscoveryEndToEndTest {

    @TempDir
    Path data;

    @Test
    void theRealGatewaysWholeTreeIsStoredValueForValue() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe gateway = acs.gateway();

            SessionReport report = AcsHarness.ok(gateway);

            assertThat(report.eventCodes()).containsExactly("0 BOOTSTRAP", "1 BOOT");
            assertThat(report.rpcMethods()).contains("GetParameterNames", "GetParameterValues");
            DeviceId id = AcsHarness.idOf(gateway);
            assertThat(id.value()).isEqualTo("202BC1-BM632w-8KA8WA1151100043");
            acs.assertStoredEqualsCpe(gateway, "");
            Device device = acs.store().findDevice(id).orElseThrow();
            assertThat(device.discoveryRequired()).isFalse();
            assertThat(device.dataModelRoot()).isEqualTo("InternetGatewayDevice.");
            assertThat(device.softwareVersion()).isEqualTo("V100R001IRQC56B017");
            assertThat(device.connectionRequestUrl()).isEqualTo(
                    gateway.model().value(gateway.model().connectionRequestUrlPath()).orElseThrow());
            assertThat(device.remoteAddress()).isEqualTo("127.0.0.1");
            assertThat(device.lastEvents()).extracting(e -> e.eventCode()).containsExactly("0 BOOTSTRAP", "1 BOOT");
            assertThat(acs.store().informs(id, 10)).hasSize(1);
        }
    }

    @Test
    void theBuiltInIpPhoneNegotiatesCwmp14AndIsStoredWhole() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("FCH2233445A");

            AcsHarness.ok(phone);

            DeviceId id = AcsHarness.idOf(phone);
            acs.assertStoredEqualsCpe(phone, "");
            Device device = acs.store().findDevice(id).orElseThrow();
            assertThat(device.cwmpVersion()).isEqualTo(phone.cwmpVersion().label());
            assertThat(device.dataModelRoot()).isEqualTo("Device.");
        }
    }

    @Test
    void aFullTreeDiscoveryStoresTheSameTree() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("session.discovery", "full-tree",
                "session.values-per-request", "200"))) {
            SimulatedCpe gateway = acs.gateway();

            SessionReport report = AcsHarness.ok(gateway);

            assertThat(report.rpcMethods().stream().filter("GetParameterNames"::equals)).hasSize(1);
            acs.assertStoredEqualsCpe(gateway, "");
        }
    }

    @Test
    void aCpeThatReconnectsForEveryMessageContinuesItsSessionByCookie() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.cpe(DataModel.ipPhone("RECONNECT01"),
                    CpeOptions.defaults().withReconnectEachMessage(true));

            SessionReport report = AcsHarness.ok(phone);

            assertThat(report.connections()).isEqualTo(report.httpStatuses().size()).isGreaterThan(2);
            acs.assertStoredEqualsCpe(phone, "");
        }
    }

    @Test
    void manyCpesAtOnceAreAllStored() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            List<SimulatedCpe> phones = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                phones.add(acs.phone(String.format("MANY%05d", i)));
            }

            List<CompletableFuture<SessionReport>> sessions = phones.stream().map(SimulatedCpe::runSession).toList();
            CompletableFuture.allOf(sessions.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

            assertThat(sessions).allSatisfy(s -> assertThat(s.join().ok()).as(s.join().failure()).isTrue());
            assertThat(acs.store().listDevices(null, 100)).hasSize(25);
            for (SimulatedCpe phone : phones) {
                acs.assertStoredEqualsCpe(phone, "");
            }
        }
    }

    @Test
    void aLaterPeriodicSessionDoesNotRediscover() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("PERIODIC01");
            AcsHarness.ok(phone);

            SessionReport periodic = AcsHarness.ok(phone);

            assertThat(periodic.eventCodes()).containsExactly("2 PERIODIC");
            assertThat(periodic.rpcMethods()).isEmpty();
            assertThat(acs.store().informs(AcsHarness.idOf(phone), 10)).hasSize(2);
        }
    }
}
