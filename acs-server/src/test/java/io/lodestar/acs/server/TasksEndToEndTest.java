package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.store.AcsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Queued tasks run in the device's next session, in order, against a simulated CPE over real HTTP. */
class TasksEndToEndTest {

    private static final String IGD = "InternetGatewayDevice.";
    private static final String INTERVAL = IGD + "ManagementServer.PeriodicInformInterval";
    private static final String POOLS = IGD + "LANDevice.1.LANHostConfigManagement.DHCPConditionalServingPool.";

    @TempDir
    Path data;

    private static Task queue(AcsStore store, DeviceId id, TaskAction action) {
        return store.addTask(Task.queue(id, action, Instant.now(), Duration.ofHours(1)));
    }

    private static Task stored(AcsStore store, Task task) {
        return store.findTask(task.id()).orElseThrow();
    }

    @Test
    void everyKindOfTaskRunsInOrderAndItsResultIsStored() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe gateway = acs.gateway();
            AcsHarness.ok(gateway);
            DeviceId id = AcsHarness.idOf(gateway);
            AcsStore store = acs.store();

            Task set = queue(store, id, new TaskAction.SetParameterValues(
                    List.of(new ParameterValueStruct(INTERVAL, "600", "xsd:unsignedInt")), "change-1"));
            Task get = queue(store, id, new TaskAction.GetParameterValues(List.of(IGD + "DeviceInfo.")));
            Task names = queue(store, id, new TaskAction.GetParameterNames(IGD + "ManagementServer.", true));
            Task add = queue(store, id, new TaskAction.AddObject(POOLS, "change-2"));
            Task delete = queue(store, id, new TaskAction.DeleteObject(POOLS + "2.", "change-3"));
            Task reboot = queue(store, id, new TaskAction.Reboot("reboot-1"));

            SessionReport report = AcsHarness.ok(gateway);

            assertThat(report.rpcMethods()).containsSubsequence("SetParameterValues", "GetParameterValues",
                    "GetParameterNames", "AddObject", "DeleteObject", "Reboot");
            for (Task t : List.of(set, get, names, add, delete, reboot)) {
                assertThat(stored(store, t).status()).as(t.action().name()).isEqualTo(TaskStatus.DONE);
            }
            // the CPE changed as asked ...
            assertThat(gateway.model().value(INTERVAL)).contains("600");
            assertThat(gateway.model().value(IGD + "ManagementServer.ParameterKey")).contains("change-3");
            long instance = ((TaskResult.ObjectAdded) stored(store, add).result()).instanceNumber();
            assertThat(gateway.model().contains(POOLS + instance + ".")).isTrue();
            assertThat(gateway.model().contains(POOLS + "2.")).isFalse();
            // ... and the store shows the CPE's tree as it now is, the new instance included
            assertThat(store.parameters(id, INTERVAL)).extracting(Parameter::value).containsExactly("600");
            acs.assertStoredEqualsCpe(gateway, POOLS);
            TaskResult.Values values = (TaskResult.Values) stored(store, get).result();
            assertThat(values.values()).extracting(ParameterValueStruct::name).contains(IGD + "DeviceInfo.SoftwareVersion");
            TaskResult.Names listed = (TaskResult.Names) stored(store, names).result();
            assertThat(listed.names()).extracting(n -> n.name()).contains(INTERVAL);

            // the reboot shows in the CPE's next session
            SessionReport afterReboot = AcsHarness.ok(gateway);
            assertThat(afterReboot.eventCodes()).contains("1 BOOT", "M Reboot");
        }
    }

    @Test
    void aFaultRetryingCannotCureFailsTheTaskAtOnceAndHoldsBackNothingUnrelated() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe gateway = acs.gateway();
            AcsHarness.ok(gateway);
            DeviceId id = AcsHarness.idOf(gateway);
            AcsStore store = acs.store();
            Task bad = queue(store, id, new TaskAction.SetParameterValues(
                    List.of(ParameterValueStruct.string(IGD + "No.Such.Parameter", "x")), ""));
            Task next = queue(store, id, new TaskAction.Reboot(""));

            SessionReport report = AcsHarness.ok(gateway);

            assertThat(report.rpcMethods()).containsExactly("SetParameterValues", "Reboot");
            Task afterFault = stored(store, bad);
            assertThat(afterFault.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(afterFault.attempts()).isEqualTo(1);
            // SetParameterValues faults are 9003 Invalid arguments, with the 9005 of the bad name inside
            assertThat(afterFault.lastFault().code()).isEqualTo(9003);
            assertThat(afterFault.lastFault().message()).contains("No.Such.Parameter").contains("9005");
            assertThat(stored(store, next).status()).isEqualTo(TaskStatus.DONE);
            assertThat(store.faults(id, 10)).extracting(f -> f.code()).contains(9003);
        }
    }

    @Test
    void anExpiredTaskIsNeverSent() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("EXPIRE0001");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            Task old = acs.store().addTask(Task.queue(id, new TaskAction.Reboot(""),
                    Instant.now().minus(Duration.ofDays(2)), Duration.ofDays(1)));

            SessionReport report = AcsHarness.ok(phone);

            assertThat(report.rpcMethods()).isEmpty();
            assertThat(stored(acs.store(), old).status()).isEqualTo(TaskStatus.EXPIRED);
        }
    }

    @Test
    void aFactoryResetBringsABootstrapAndTheTreeIsLearnedAgain() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("RESET00001");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            String interval = "Device.ManagementServer.PeriodicInformInterval";
            queue(acs.store(), id, new TaskAction.SetParameterValues(
                    List.of(new ParameterValueStruct(interval, "1234", "xsd:unsignedInt")), "k"));
            AcsHarness.ok(phone);
            assertThat(acs.store().parameters(id, interval)).extracting(Parameter::value).containsExactly("1234");
            acs.store().setTags(id, java.util.Set.of("lab"));

            Task reset = queue(acs.store(), id, new TaskAction.FactoryReset());
            AcsHarness.ok(phone);
            SessionReport bootstrap = AcsHarness.ok(phone);

            assertThat(stored(acs.store(), reset).status()).isEqualTo(TaskStatus.DONE);
            assertThat(bootstrap.eventCodes()).contains("0 BOOTSTRAP");
            acs.assertStoredEqualsCpe(phone, "");
            assertThat(acs.store().parameters(id, interval)).extracting(Parameter::value)
                    .doesNotContain("1234");
            assertThat(acs.store().findDevice(id).orElseThrow().tags()).containsExactly("lab");
        }
    }
}
