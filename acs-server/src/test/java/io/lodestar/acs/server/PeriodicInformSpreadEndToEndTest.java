package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.service.periodic.PeriodicInformPolicy;
import io.lodestar.acs.sim.client.CpeOptions;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.model.DataModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 21 item 5, the whole ACS and simulated CPEs over real HTTP: with {@code periodic.spread=on}, a device's
 * {@code 0 BOOTSTRAP} session is followed by a SetParameterValues of its own PeriodicInformTime (its offset in the
 * interval), which it receives in its next session; both data models.
 */
class PeriodicInformSpreadEndToEndTest {

    @TempDir
    Path data;

    private AcsHarness acs;

    @AfterEach
    void stop() {
        if (acs != null) {
            acs.close();
        }
    }

    @Test
    void aBootstrappedPhoneReceivesAPeriodicInformTimeAtItsOwnOffsetInItsOwnInterval() throws Exception {
        acs = new AcsHarness(data, Map.of("periodic.spread", "on"));
        DataModel model = DataModel.ipPhone("SPREAD0001");
        SimulatedCpe phone = acs.cpe(model, CpeOptions.defaults());
        AcsHarness.ok(phone); // 0 BOOTSTRAP 1 BOOT: the discovery stores PeriodicInformInterval 3600
        DeviceId id = AcsHarness.idOf(phone);
        Task queued = await().atMost(Duration.ofSeconds(20)).until(() -> spreadTask(id), t -> t != null);
        String expected = PeriodicInformPolicy.informTime(id.value(), 3600).toString();
        assertThat(((TaskAction.SetParameterValues) queued.action()).values())
                .extracting(v -> v.name() + "=" + v.value())
                .containsExactly("Device.ManagementServer.PeriodicInformTime=" + expected);

        SessionReport next = AcsHarness.ok(phone);
        assertThat(next.rpcMethods()).contains("SetParameterValues");
        assertThat(model.value("Device.ManagementServer.PeriodicInformTime")).contains(expected);
        assertThat(model.value("Device.ManagementServer.PeriodicInformInterval")).contains("3600");
        assertThat(model.value("Device.ManagementServer.ParameterKey")).contains(PeriodicInformPolicy.PARAMETER_KEY);
        await().atMost(Duration.ofSeconds(20)).until(() -> acs.store().tasks(id).stream()
                .allMatch(t -> t.status() == TaskStatus.DONE));
        // the stored tree follows: the ACS knows each device's phase
        assertThat(acs.store().parameters(id, "Device.ManagementServer.PeriodicInformTime"))
                .extracting(p -> p.value()).containsExactly(expected);
    }

    @Test
    void aBootstrappedGatewayGetsThePolicysIntervalAndItsOffsetInIt() throws Exception {
        acs = new AcsHarness(data, Map.of("periodic.spread", "on", "periodic.interval", "15m"));
        // the gateway dump has no PeriodicInformTime: give it one, as TR-098 devices have
        Path csv = data.resolveSibling(data.getFileName() + "-gateway.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(AcsHarness.GATEWAY_CSV));
        lines.add("InternetGatewayDevice.ManagementServer.PeriodicInformTime,false,true,0001-01-01T00:00:00Z,xsd:dateTime");
        Files.write(csv, lines);
        DataModel model = DataModel.fromCsv(csv);
        SimulatedCpe gateway = acs.cpe(model, CpeOptions.defaults());
        AcsHarness.ok(gateway);
        DeviceId id = AcsHarness.idOf(gateway);
        await().atMost(Duration.ofSeconds(20)).until(() -> spreadTask(id), t -> t != null);

        AcsHarness.ok(gateway);
        String ms = "InternetGatewayDevice.ManagementServer.";
        assertThat(model.value(ms + "PeriodicInformEnable")).contains("true");
        assertThat(model.value(ms + "PeriodicInformInterval")).contains("900");
        assertThat(model.value(ms + "PeriodicInformTime"))
                .contains(PeriodicInformPolicy.informTime(id.value(), 900).toString());
    }

    @Test
    void withTheSpreadOffABootstrapQueuesNothing() throws Exception {
        acs = new AcsHarness(data);
        SimulatedCpe phone = acs.phone("SPREAD0002");
        AcsHarness.ok(phone);
        SessionReport next = AcsHarness.ok(phone);
        assertThat(next.rpcMethods()).doesNotContain("SetParameterValues");
        assertThat(acs.store().tasks(AcsHarness.idOf(phone))).isEmpty();
    }

    private Task spreadTask(DeviceId id) {
        return acs.store().tasks(id).stream()
                .filter(t -> t.action() instanceof TaskAction.SetParameterValues set
                        && PeriodicInformPolicy.PARAMETER_KEY.equals(set.parameterKey()))
                .findFirst().orElse(null);
    }
}
