package io.lodestar.acs.server;

import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.cwmp.auth.PendingCredentials;
import io.lodestar.acs.sim.client.CpeOptions;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.store.CpeCredentialStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18 item 2, the whole ACS and a simulated phone over real HTTP: with
 * {@code cwmp.auth.provision-device-credentials=true}, a bootstrap gets ManagementServer.Username and Password of its
 * own; the fleet's keep working until the phone uses its own, which then replace them; the stored task never holds
 * the password in clear.
 */
class DeviceCredentialProvisioningEndToEndTest {

    @TempDir
    Path data;

    private AcsHarness acs;

    @BeforeEach
    void start() throws InterruptedException {
        acs = new AcsHarness(data, Map.of("cwmp.auth.mode", "on", "cwmp.auth.provision-device-credentials", "true",
                "connreq.manage-credentials", "true"));
    }

    @AfterEach
    void stop() {
        acs.close();
    }

    /** A phone holding the fleet's credentials in its ManagementServer object, as a factory-fresh device would. */
    private DataModel phoneWithFleetCredentials(String serial) throws Exception {
        Properties fleet = new Properties();
        try (var r = Files.newBufferedReader(data.resolve("cpe-credentials"))) {
            fleet.load(r);
        }
        DataModel model = DataModel.ipPhone(serial);
        model.set("Device.ManagementServer.Username", fleet.getProperty("username"));
        model.set("Device.ManagementServer.Password", fleet.getProperty("password"));
        return model;
    }

    @Test
    void aBootstrappedDeviceGetsCredentialsOfItsOwnWhichReplaceTheFleetsOnceUsed() throws Exception {
        DataModel model = phoneWithFleetCredentials("PROV0001");
        SimulatedCpe phone = acs.cpe(model, CpeOptions.defaults());
        AcsHarness.ok(phone); // 0 BOOTSTRAP, with the fleet's credentials
        DeviceId id = AcsHarness.idOf(phone);
        CpeCredentialStore credentials = (CpeCredentialStore) acs.store();
        await().atMost(Duration.ofSeconds(20)).until(() -> credentials.findCpeCredential(PendingCredentials.scopeOf(id))
                .isPresent() && setsOf(id, "ManagementServer.Password").isPresent());
        assertThat(credentials.findCpeCredential(new CpeCredentialScope.Device(id))).isEmpty();

        AcsHarness.ok(phone); // still the fleet's credentials: the phone takes its own (and its connreq ones)
        String user = model.value("Device.ManagementServer.Username").orElseThrow();
        String password = model.value("Device.ManagementServer.Password").orElseThrow();
        assertThat(user).startsWith("cpe-");
        assertThat(password).hasSizeGreaterThanOrEqualTo(24);
        String connreqPassword = model.value("Device.ManagementServer.ConnectionRequestPassword").orElseThrow();
        assertThat(connreqPassword).hasSizeGreaterThanOrEqualTo(24);
        // the tasks were sent with the passwords in clear, yet store only sealed references to them
        await().atMost(Duration.ofSeconds(20)).until(() -> acs.store().tasks(id).stream()
                .allMatch(t -> t.status() == TaskStatus.DONE));
        for (Task task : acs.store().tasks(id)) {
            if (task.action() instanceof TaskAction.SetParameterValues set) {
                for (ParameterValueStruct v : set.values()) {
                    assertThat(v.value()).isNotEqualTo(password).isNotEqualTo(connreqPassword);
                    if (v.name().endsWith("Password")) {
                        assertThat(v.value()).startsWith("lodestar-sealed:");
                    }
                }
            }
        }

        SessionReport own = AcsHarness.ok(phone); // with its own credentials now
        assertThat(own.httpStatuses().get(0)).as("its own credentials, presented with its last nonce, unchallenged")
                .isEqualTo(200);
        CpeCredential promoted = credentials.findCpeCredential(new CpeCredentialScope.Device(id)).orElseThrow();
        assertThat(promoted.username()).isEqualTo(user);
        assertThat(credentials.findCpeCredential(PendingCredentials.scopeOf(id))).isEmpty();

        // from now on the fleet's credentials no longer open this device
        DataModel impostor = phoneWithFleetCredentials("PROV0001");
        SessionReport refused = acs.cpe(impostor, CpeOptions.defaults()).runSession().get(60, TimeUnit.SECONDS);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.httpStatuses()).containsExactly(401, 401);
        AcsHarness.ok(phone);
    }

    private java.util.Optional<Task> setsOf(DeviceId id, String relative) {
        return acs.store().tasks(id).stream().filter(t -> t.action() instanceof TaskAction.SetParameterValues set
                && set.values().stream().anyMatch(v -> v.name().endsWith(relative))).findFirst();
    }

    @SuppressWarnings("unused")
    private static List<String> names(TaskAction.SetParameterValues set) {
        return set.values().stream().map(ParameterValueStruct::name).toList();
    }
}
