package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lodestar.acs.core.session.Fixtures.DEVICE_ID;
import static io.lodestar.acs.core.session.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionChangesBuilderTest {

    private final Device device = Device.register(DEVICE_ID, T0);

    private static Parameter p(String path, String value) {
        return new Parameter(path, value, "xsd:string", true, T0);
    }

    @Test
    void laterUpsertsOfAPathWin() {
        SessionChanges c = new SessionChanges.Builder(device).upsert(p("Device.A", "1")).upsert(p("Device.A", "2"))
                .build();

        assertThat(c.upserts()).containsOnlyKeys("Device.A");
        assertThat(c.upserts().get("Device.A").value()).isEqualTo("2");
    }

    @Test
    void deleteSubtreeDropsEarlierUpsertsUnderItButNotLaterOnes() {
        SessionChanges.Builder b = new SessionChanges.Builder(device)
                .upsert(p("Device.WiFi.SSID.1.SSID", "a"))
                .upsert(p("Device.WiFi.SSID.1.", null))
                .upsert(p("Device.WiFi.SSID.10.SSID", "ten"))
                .upsert(p("Device.WiFi.SSIDNumberOfEntries", "2"))
                .deleteSubtree("Device.WiFi.SSID.1.")
                .upsert(p("Device.WiFi.SSID.1.Enable", "true"));
        assertThat(b.upsertCount()).isEqualTo(3);
        SessionChanges c = b.build();

        assertThat(c.deletedSubtrees()).containsExactly("Device.WiFi.SSID.1.");
        assertThat(c.upserts()).containsOnlyKeys("Device.WiFi.SSID.10.SSID", "Device.WiFi.SSIDNumberOfEntries",
                "Device.WiFi.SSID.1.Enable");
    }

    @Test
    void deletingEverythingDropsEveryEarlierUpsert() {
        SessionChanges c = new SessionChanges.Builder(device).upsert(p("Device.A", "1")).upsert(p("Other.B", "2"))
                .deleteSubtree("").build();

        assertThat(c.upserts()).isEmpty();
        assertThat(c.deletedSubtrees()).containsExactly("");
    }

    @Test
    void forgetLearnedClearsEarlierParameterChangesButNotTheRest() {
        Task t = Fixtures.task(1, new TaskAction.Reboot(""));
        DeviceFault f = new DeviceFault(DEVICE_ID, null, "GetParameterNames", 9005, "x", T0);
        InformRecord inform = new InformRecord(DEVICE_ID, T0, List.of(), "r", 0);
        SessionChanges c = new SessionChanges.Builder(device)
                .upsert(p("Device.A", "1"))
                .deleteSubtree("Device.B.")
                .task(t)
                .fault(f)
                .inform(inform)
                .forgetLearned()
                .upsert(p("Device.C", "3"))
                .build();

        assertThat(c.forgetLearned()).isTrue();
        assertThat(c.deletedSubtrees()).isEmpty();
        assertThat(c.upserts()).containsOnlyKeys("Device.C");
        assertThat(c.tasks()).containsExactly(t);
        assertThat(c.faults()).containsExactly(f);
        assertThat(c.inform()).isEqualTo(inform);
    }

    @Test
    void theLastStateOfATaskWinsAndTasksKeepTheirFirstOrder() {
        Task a = Fixtures.task(1, new TaskAction.Reboot(""));
        Task b = Fixtures.task(2, new TaskAction.Reboot(""));
        Task aDone = a.done(new TaskResult.Status(0, 0), T0);
        SessionChanges c = new SessionChanges.Builder(device).task(a).task(b).task(aDone).build();

        assertThat(c.tasks()).containsExactly(aDone, b);
    }

    @Test
    void theDeviceIsTheLastOneSet() {
        Device tagged = device.withTags(java.util.Set.of("x"));
        SessionChanges.Builder b = new SessionChanges.Builder(device);
        assertThat(b.device()).isEqualTo(device);
        b.device(tagged);
        assertThat(b.device()).isEqualTo(tagged);
        assertThat(b.build().device()).isEqualTo(tagged);
    }

    @Test
    void aBuiltChangeSetIsImmutable() {
        SessionChanges c = new SessionChanges.Builder(device).upsert(p("Device.A", "1")).build();

        assertThatThrownBy(() -> c.upserts().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.tasks().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(c.inform()).isNull();
        assertThat(c.forgetLearned()).isFalse();
    }
}
