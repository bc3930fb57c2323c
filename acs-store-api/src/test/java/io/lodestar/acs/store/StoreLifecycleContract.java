package io.lodestar.acs.store;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.lodestar.acs.store.StoreTestData.T0;
import static io.lodestar.acs.store.StoreTestData.fault;
import static io.lodestar.acs.store.StoreTestData.fullDevice;
import static io.lodestar.acs.store.StoreTestData.id;
import static io.lodestar.acs.store.StoreTestData.inform;
import static io.lodestar.acs.store.StoreTestData.session;
import static io.lodestar.acs.store.StoreTestData.task;
import static io.lodestar.acs.store.StoreTestData.withParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The promises of {@link AcsStore#close}: everything written survives a close and a reopen of the storage, and
 * a closed store refuses reads and writes.
 */
public interface StoreLifecycleContract extends StoreFixture {

    @Test
    default void everythingSurvivesCloseAndReopen() {
        Device d = fullDevice("dev-restart");
        seedTree(d);
        store().setTags(d.id(), Set.of("kept"));
        Task t = store().addTask(task("dev-restart", new TaskAction.Reboot("x"), T0));
        Task cancelledLater = store().addTask(task("dev-restart", new TaskAction.Reboot("y"), T0.plusMillis(1)));
        store().cancelTask(cancelledLater.id(), T0.plusSeconds(3));
        InformRecord i = inform("dev-restart", T0, 1);
        DeviceFault f = fault("dev-restart", t.id(), 9005, T0);
        store().commit(session(d).inform(i).fault(f).build());
        DeviceSnapshot before = store().loadSnapshot(d.id()).orElseThrow();
        List<Task> tasksBefore = store().tasks(d.id());

        restart();

        assertThat(store().loadSnapshot(d.id())).contains(before);
        assertThat(before.device().tags()).containsExactly("kept");
        assertThat(store().tasks(d.id())).isEqualTo(tasksBefore);
        assertThat(store().findTask(cancelledLater.id()).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(store().informs(d.id(), 5)).containsExactly(i);
        assertThat(store().faults(d.id(), 5)).containsExactly(f);
        assertThat(store().listDevices(null, 5)).extracting(Device::id).containsExactly(d.id());
        // history keeps counting after the restart
        InformRecord later = inform("dev-restart", T0, 2);
        store().commit(session(d).inform(later).build());
        assertThat(store().informs(d.id(), 5)).containsExactly(later, i);
    }

    @Test
    default void aClosedStoreIsUnavailable() {
        store().commit(withParams(fullDevice("dev-closed")));
        store().close();
        assertThatThrownBy(() -> store().loadSnapshot(id("dev-closed"))).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store().commit(withParams(fullDevice("dev-closed"))))
                .isInstanceOf(StoreUnavailableException.class);
        store().close(); // closing twice is harmless
        restart(); // closes it once more, then opens the storage again
        assertThat(store().findDevice(id("dev-closed"))).isPresent();
    }
}
