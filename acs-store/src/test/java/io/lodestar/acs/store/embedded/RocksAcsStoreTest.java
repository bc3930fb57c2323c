package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.AcsStoreContract;
import io.lodestar.acs.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract on the embedded RocksDB store, plus what only the embedded store promises. */
class RocksAcsStoreTest extends AcsStoreContract {

    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("store");
    }

    @Override
    protected AcsStore newStore() {
        return RocksAcsStore.open(dir());
    }

    @Override
    protected AcsStore reopen() {
        return RocksAcsStore.open(dir());
    }

    @Override
    protected int informHistoryLimit() {
        return RocksAcsStore.INFORM_HISTORY;
    }

    @Override
    protected int faultHistoryLimit() {
        return RocksAcsStore.FAULT_HISTORY;
    }

    @Test
    void openCreatesTheDirectory() {
        Path nested = tmp.resolve("a/b/c");
        try (RocksAcsStore s = RocksAcsStore.open(nested)) {
            assertThat(s.directory()).isEqualTo(nested);
            assertThat(Files.isDirectory(nested)).isTrue();
        }
    }

    @Test
    void aSecondWriterIsRefusedWhileTheStoreIsOpen() {
        assertThatThrownBy(() -> RocksAcsStore.open(dir())).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("lock");
    }

    @Test
    void readOnlyOpensWhileTheWriterHasTheStoreOpen() {
        Device d = fullDevice("dev-ro");
        store.commit(withParams(d, param("Device.X", "1")));
        try (RocksAcsStore ro = RocksAcsStore.openReadOnly(dir())) {
            assertThat(ro.findDevice(d.id())).contains(d);
            assertThat(ro.parameters(d.id(), "")).containsExactly(param("Device.X", "1"));
            assertThatThrownBy(() -> ro.commit(withParams(d))).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> ro.setTags(d.id(), Set.of())).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> ro.addTask(task("dev-ro", new TaskAction.FactoryReset(), T0)))
                    .isInstanceOf(UnsupportedOperationException.class);
            // it sees the store as it was when opened
            store.commit(withParams(fullDevice("dev-ro-later")));
            assertThat(ro.findDevice(fullDevice("dev-ro-later").id())).isEmpty();
        }
        // and the writer carries on
        assertThat(store.findDevice(fullDevice("dev-ro-later").id())).isPresent();
    }

    @Test
    void readOnlyOfAMissingStoreIsUnavailable() {
        assertThatThrownBy(() -> RocksAcsStore.openReadOnly(tmp.resolve("missing")))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aStoreOpenedWithoutSyncWorksTheSame() {
        store.close();
        store = RocksAcsStore.open(tmp.resolve("nosync"), RocksAcsStore.Option.NO_SYNC);
        store.commit(withParams(fullDevice("dev-nosync"), param("Device.X", "1")));
        store.close();
        store = RocksAcsStore.open(tmp.resolve("nosync"));
        assertThat(store.parameters(fullDevice("dev-nosync").id(), "")).containsExactly(param("Device.X", "1"));
    }
}
