package io.lodestar.acs.bench.scale;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.session.CwmpSession;
import io.lodestar.acs.core.session.SessionOpening;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.core.session.SessionSettings;
import io.lodestar.acs.core.session.SessionStep;
import io.lodestar.acs.core.settings.SettingsReader;
import io.lodestar.acs.sim.load.FleetSeed;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SeedDevicesTest {

    @TempDir
    Path dir;

    @Test
    void seededDevicesAreStoredAsAFirstContactStoresThemAndTheirNextPeriodicSessionIsAPlainOne() throws Exception {
        SessionPolicy policy = SessionSettings.from(SettingsReader.of(SessionSettings.SETTINGS,
                Map.of("session.discovery", "full-tree", "session.values-per-request", "1000")));
        FleetSeed fleet = new FleetSeed(DataModel.ipPhone("SEED0000000"), "SEED");
        try (RocksAcsStore store = RocksAcsStore.open(dir, IndexedParameters.of("Device.DeviceInfo.SerialNumber"), RocksAcsStore.Option.NO_SYNC)) {
            SeedDevices.Result result = SeedDevices.seed(store, fleet, policy, 10, 5, 2, null);
            assertThat(result.devices()).isEqualTo(5);

            DeviceId id = policy.identityScheme().idOf(fleet.device(12).inform("2 PERIODIC").deviceId());
            assertThat(id.value()).endsWith("-SEED0000013"); // the 13th device of lodestar load --serial-prefix SEED
            DeviceSnapshot stored = store.loadSnapshot(id).orElseThrow();
            int parameters = DataModel.ipPhone("X").parameterCount();
            assertThat(result.parameters()).isGreaterThanOrEqualTo(5L * parameters);
            assertThat(stored.device().discovery().required()).isFalse();
            assertThat(store.parameters(id, "Device.DeviceInfo.SerialNumber")).extracting(p -> p.value())
                    .containsExactly("SEED0000013");
            assertThat(store.informs(id, 10)).hasSize(1);
            assertThat(store.findDevice(policy.identityScheme().idOf(fleet.device(9).inform("2 PERIODIC").deviceId())))
                    .isEmpty();

            // what the ACS does with the seeded device's next periodic Inform: no discovery, nothing to do
            FleetSeed.Device device = fleet.device(12);
            SessionOpening opening = CwmpSession.open(device.inform("2 PERIODIC"), CwmpVersion.V1_4, id,
                    store.loadSnapshot(id), List.of(), List.of(), "127.0.0.1", policy, Instant.now());
            CwmpSession session = ((SessionOpening.Accepted) opening).session();
            assertThat(session.next(null, Instant.now())).isInstanceOf(SessionStep.End.class);
        }
    }
}
