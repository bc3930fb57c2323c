package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.sim.client.CpeOptions;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lodestar task} queues through the task service: what it refuses (an unknown device, a path the device
 * does not have, a read-only parameter, a value that does not fit) is reported with the service's message and
 * a non-zero exit, and what it accepts runs at the device's next session.
 */
class TaskCommandEndToEndTest {

    private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";
    private static final String SERIAL = "Device.DeviceInfo.SerialNumber";

    @TempDir
    Path data;

    private SimulatedCpe phone;
    private DeviceId id;

    /** A phone the ACS has met and whose data model it learned; the ACS is stopped (one writer at a time). */
    @BeforeEach
    void meetAPhone() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            phone = acs.phone("CLI000001");
            AcsHarness.ok(phone);
            id = AcsHarness.idOf(phone);
        }
    }

    private LodestarCli task(String... args) {
        List<String> all = new ArrayList<>(List.of("task", "--data", data.toString()));
        all.addAll(List.of(args));
        return LodestarCli.run(all.toArray(String[]::new));
    }

    private List<Task> storedTasks(DeviceId device) {
        try (AcsStore store = RocksAcsStore.open(data)) {
            return store.tasks(device);
        }
    }

    @Test
    void aValueWithoutATypeIsQueuedWithTheStoredTypeAndRunsAtTheNextSession() throws Exception {
        LodestarCli queued = task(id.value(), "set", INTERVAL + "=600", "--key", "cli-1");

        assertThat(queued.exitCode()).as(queued.err()).isZero();
        assertThat(queued.out()).startsWith("queued ").contains("setParameterValues for " + id.value());
        Task task = storedTasks(id).get(0);
        assertThat(((TaskAction.SetParameterValues) task.action()).values())
                .containsExactly(new ParameterValueStruct(INTERVAL, "600", "xsd:unsignedInt"));

        try (AcsHarness acs = new AcsHarness(data)) {
            AcsHarness.ok(acs.cpe(phone.model(), CpeOptions.defaults()));
            assertThat(acs.store().findTask(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
        }
        assertThat(phone.model().value(INTERVAL)).contains("600");
    }

    @Test
    void anUnknownDeviceIsRefusedWithTheHintToRegisterIt() {
        LodestarCli refused = task("00D0F8-NOBODY-1", "reboot");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("no device 00D0F8-NOBODY-1").contains("--register");
    }

    @Test
    void aPathTheDeviceDoesNotHaveIsRefusedAndNothingIsQueued() {
        LodestarCli set = task(id.value(), "set", "Device.ManagementServer.NoSuchThing=1");
        LodestarCli get = task(id.value(), "get", "Device.WiFi.");

        assertThat(set.exitCode()).isEqualTo(2);
        assertThat(set.err()).contains("has no parameter Device.ManagementServer.NoSuchThing");
        assertThat(get.exitCode()).isEqualTo(2);
        assertThat(get.err()).contains("has no object Device.WiFi.");
        assertThat(storedTasks(id)).isEmpty();
    }

    @Test
    void aReadOnlyParameterABadValueAndAWrongTypeAreRefusedWithTheirReasons() {
        LodestarCli readOnly = task(id.value(), "set", SERIAL + "=X");
        LodestarCli badValue = task(id.value(), "set", INTERVAL + "=soon");
        LodestarCli wrongType = task(id.value(), "set", INTERVAL + "=600:xsd:string");

        assertThat(readOnly.exitCode()).isEqualTo(2);
        assertThat(readOnly.err()).contains(SERIAL + " is read-only");
        assertThat(badValue.exitCode()).isEqualTo(2);
        assertThat(badValue.err()).contains("'soon' is not a valid xsd:unsignedInt for " + INTERVAL);
        assertThat(wrongType.exitCode()).isEqualTo(2);
        assertThat(wrongType.err()).contains(INTERVAL + " is xsd:unsignedInt").contains("not xsd:string");
        assertThat(storedTasks(id)).isEmpty();
    }

    @Test
    void aRegisteredDeviceTakesTasksBeforeItsDataModelIsKnown() {
        LodestarCli queued = task("00D0F8-LATER-1", "set", "Device.ManagementServer.PeriodicInformInterval=900",
                "--register");

        assertThat(queued.exitCode()).as(queued.err()).isZero();
        assertThat(storedTasks(new DeviceId("00D0F8-LATER-1"))).singleElement()
                .extracting(t -> ((TaskAction.SetParameterValues) t.action()).values().get(0).type())
                .isEqualTo("xsd:string");
    }
}
