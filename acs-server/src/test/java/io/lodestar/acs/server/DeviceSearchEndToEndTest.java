package io.lodestar.acs.server;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.store.DeviceQuery;
import io.lodestar.acs.store.UnindexedParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Operators find devices by the value of an indexed parameter, as the CPEs reported it over real HTTP: the
 * index follows what sessions learn and change, and paths added to store.indexed-parameters cover the
 * devices already stored.
 */
class DeviceSearchEndToEndTest {

    private static final String SERIAL = "Device.DeviceInfo.SerialNumber";
    private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";
    private static final String IGD_SERIAL = "InternetGatewayDevice.DeviceInfo.SerialNumber";

    @TempDir
    Path data;

    private static List<DeviceId> search(AcsHarness acs, DeviceQuery query) {
        return acs.store().findDevices(query, null, 100).stream().map(Device::id).toList();
    }

    @Test
    void devicesAreFoundByTheSerialNumberTheyReportedWithTheDefaultSettings() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone1 = acs.phone("FIND00001");
            SimulatedCpe phone2 = acs.phone("FIND00002");
            SimulatedCpe gateway = acs.gateway();
            for (SimulatedCpe cpe : List.of(phone1, phone2, gateway)) {
                AcsHarness.ok(cpe);
            }

            assertThat(search(acs, DeviceQuery.ALL.withParameter(SERIAL, "FIND00002")))
                    .containsExactly(AcsHarness.idOf(phone2));
            // the real gateway's dump reports "0" as its DeviceInfo.SerialNumber (its DeviceId carries the real one)
            assertThat(search(acs, DeviceQuery.ALL.withParameter(IGD_SERIAL, "0")))
                    .containsExactly(AcsHarness.idOf(gateway));
            assertThat(search(acs, DeviceQuery.ALL.withParameter(SERIAL, "0"))).isEmpty();
            assertThatThrownBy(() -> search(acs, DeviceQuery.ALL.withParameter(INTERVAL, "3600")))
                    .isInstanceOf(UnindexedParameterException.class).hasMessageContaining(INTERVAL);
        }
    }

    @Test
    void theIndexFollowsAValueTheAcsSetAndCoversDevicesStoredBeforeAPathWasAdded() throws Exception {
        SimulatedCpe phone;
        DeviceId id;
        try (AcsHarness acs = new AcsHarness(data)) {
            phone = acs.phone("FIND00003");
            AcsHarness.ok(phone);
            AcsHarness.ok(acs.phone("FIND00004"));
            id = AcsHarness.idOf(phone);
        }

        // the operator adds a path to the index and restarts: the devices already stored are covered
        try (AcsHarness acs = new AcsHarness(data, Map.of("store.indexed-parameters", SERIAL + "," + INTERVAL))) {
            assertThat(search(acs, DeviceQuery.ALL.withParameter(INTERVAL, "3600"))).hasSize(2).contains(id);

            acs.store().addTask(Task.queue(id, new TaskAction.SetParameterValues(
                    List.of(new ParameterValueStruct(INTERVAL, "600", "xsd:unsignedInt")), "interval-600"),
                    Instant.now(), Duration.ofHours(1)));
            AcsHarness.ok(acs.cpe(phone.model(), io.lodestar.acs.sim.client.CpeOptions.defaults()));

            assertThat(search(acs, DeviceQuery.ALL.withParameter(INTERVAL, "600"))).containsExactly(id);
            assertThat(search(acs, DeviceQuery.ALL.withParameter(INTERVAL, "3600"))).hasSize(1).doesNotContain(id);
            assertThat(search(acs, DeviceQuery.ALL.withParameter(INTERVAL, "600").withParameter(SERIAL, "FIND00003")))
                    .containsExactly(id);
        }
    }
}
