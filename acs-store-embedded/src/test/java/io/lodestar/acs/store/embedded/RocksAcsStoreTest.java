package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.access.ApiToken;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.DeviceQuery;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.CommitContract;
import io.lodestar.acs.store.DeviceSearchContract;
import io.lodestar.acs.store.DeviceStoreContract;
import io.lodestar.acs.store.OperationStoreContract;
import io.lodestar.acs.store.SessionLeasesContract;
import io.lodestar.acs.store.StoreLifecycleContract;
import io.lodestar.acs.store.StoreUnderTest;
import io.lodestar.acs.store.TaskStoreContract;
import io.lodestar.acs.store.TokenStoreContract;
import io.lodestar.acs.store.ConnectionRequestStoreContract;
import io.lodestar.acs.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static io.lodestar.acs.store.StoreTestData.INDEXED;
import static io.lodestar.acs.store.StoreTestData.T0;
import static io.lodestar.acs.store.StoreTestData.fullDevice;
import static io.lodestar.acs.store.StoreTestData.param;
import static io.lodestar.acs.store.StoreTestData.reboot;
import static io.lodestar.acs.store.StoreTestData.session;
import static io.lodestar.acs.store.StoreTestData.task;
import static io.lodestar.acs.store.StoreTestData.withParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contracts on the embedded RocksDB store, plus what only the embedded store promises. */
class RocksAcsStoreTest extends StoreUnderTest implements DeviceStoreContract, DeviceSearchContract,
        TaskStoreContract, OperationStoreContract, SessionLeasesContract, CommitContract, StoreLifecycleContract,
        TokenStoreContract, ConnectionRequestStoreContract,
        io.lodestar.acs.store.CpeCredentialStoreContract, io.lodestar.acs.store.ProfileStoreContract {

    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("store");
    }

    @Override
    public AcsStore newStore() {
        return RocksAcsStore.open(dir(), INDEXED);
    }

    @Override
    public AcsStore reopen(IndexedParameters indexed) {
        return RocksAcsStore.open(dir(), indexed);
    }

    @Override
    public int informHistoryLimit() {
        return RocksAcsStore.INFORM_HISTORY;
    }

    @Override
    public int faultHistoryLimit() {
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
            assertThat(ro.operations(d.id())).isEmpty();
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

    @Test
    void aToolOpeningTheStoreWithoutAListKeepsTheIndexAsItIs() {
        store.commit(withParams(fullDevice("idx-1"), param("Device.DeviceInfo.SerialNumber", "S-1")));
        store.close();
        store = RocksAcsStore.open(dir());
        assertThat(store.indexedParameters()).isEqualTo(INDEXED);
        assertThat(store.findDevices(DeviceQuery.ALL.withParameter("Device.DeviceInfo.SerialNumber", "S-1"), null, 10))
                .extracting(Device::id).containsExactly(fullDevice("idx-1").id());
    }

    @Test
    void aReadOnlyStoreSearchesByWhatTheWriterIndexes() {
        store.commit(withParams(fullDevice("idx-2"), param("Device.DeviceInfo.SerialNumber", "S-2")));
        try (RocksAcsStore ro = RocksAcsStore.openReadOnly(dir())) {
            assertThat(ro.indexedParameters()).isEqualTo(INDEXED);
            assertThat(ro.findDevices(DeviceQuery.ALL.withParameter("Device.DeviceInfo.SerialNumber", "S-2"), null, 10))
                    .hasSize(1);
        }
    }

    /**
     * A store of layout 1 (before parameter_index and operations existed), made by removing what layouts 2 and
     * 3 added.
     */
    private void downgradeToLayout1(Path dir) throws Exception {
        downgradeToLayout2(dir);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (String name : List.of("devices", "parameters", "tasks", "task_index", "informs", "faults",
                "parameter_index", "operations", "summary_index")) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.US_ASCII)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions();
             RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
            db.put(handles.get(0), "lodestar.store.layout".getBytes(StandardCharsets.US_ASCII), new byte[] {1});
            db.delete(handles.get(0), "lodestar.store.indexed-parameters".getBytes(StandardCharsets.US_ASCII));
            db.delete(handles.get(0), "lodestar.store.summary-index".getBytes(StandardCharsets.US_ASCII));
            db.dropColumnFamily(handles.get(7));
            db.dropColumnFamily(handles.get(8));
            db.dropColumnFamily(handles.get(9));
            handles.forEach(ColumnFamilyHandle::close);
        }
        assertThat(families(dir)).containsExactlyInAnyOrder("default", "devices", "parameters", "tasks",
                "task_index", "informs", "faults");
    }

    /** A store of layout 2 (before tokens existed), made by removing what layouts 3 and later added. */
    private void downgradeToLayout2(Path dir) throws Exception {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (String name : Database.FAMILIES) { // every family this layout has: RocksDB opens all or none
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.US_ASCII)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions();
             RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
            db.put(handles.get(0), "lodestar.store.layout".getBytes(StandardCharsets.US_ASCII), new byte[] {2});
            db.dropColumnFamily(handles.get(10));
            for (int i = 11; i < handles.size(); i++) {
                db.dropColumnFamily(handles.get(i)); // the families of layout 4 and later
            }
            handles.forEach(ColumnFamilyHandle::close);
        }
        assertThat(families(dir)).doesNotContain("tokens", "cpe_credentials");
    }

    private static byte layout(Path dir) throws Exception {
        try (org.rocksdb.Options options = new org.rocksdb.Options();
             RocksDB db = RocksDB.openReadOnly(options, dir.toString())) {
            return db.get("lodestar.store.layout".getBytes(StandardCharsets.US_ASCII))[0];
        }
    }

    @Test
    void aStoreOfLayoutTwoHasNoTokensReadOnlyAndGetsTheirFamilyWhenOpenedForWriting() throws Exception {
        Device d = fullDevice("dev-layout-2");
        store.commit(withParams(d));
        store.close();
        downgradeToLayout2(dir());

        try (RocksAcsStore ro = RocksAcsStore.openReadOnly(dir())) {
            assertThat(ro.tokens()).isEmpty();
            assertThat(ro.findToken("tok")).isEmpty();
            assertThat(ro.findCpeCredential(io.lodestar.acs.core.access.CpeCredentialScope.FLEET)).isEmpty();
            assertThat(ro.profileTemplates()).isEmpty();
            assertThat(ro.findProfileKey("template", "spa")).isEmpty();
            assertThat(ro.findDevice(d.id())).contains(d);
        }
        assertThat(layout(dir())).isEqualTo((byte) 2);
        store = RocksAcsStore.open(dir(), INDEXED);
        assertThat(families(dir())).contains("tokens", "cpe_credentials", "profiles");
        assertThat(layout(dir())).isEqualTo((byte) Database.LAYOUT_VERSION).isEqualTo((byte) 6);
        ApiToken t = new ApiToken("tok", "after the upgrade", Set.of(TokenScope.ADMIN), new byte[32], T0, null, null);
        ((RocksAcsStore) store).addToken(t);
        assertThat(((RocksAcsStore) store).tokens()).containsExactly(t);
        assertThat(store.findDevice(d.id())).contains(d);
    }

    @Test
    void aReadOnlyStoreRefusesTokenWrites() {
        ApiToken t = new ApiToken("tok-ro", "ro", Set.of(TokenScope.READ), new byte[32], T0, null, null);
        ((RocksAcsStore) store).addToken(t);
        try (RocksAcsStore ro = RocksAcsStore.openReadOnly(dir())) {
            assertThat(ro.findToken("tok-ro")).contains(t);
            assertThatThrownBy(() -> ro.addToken(new ApiToken("tok-ro-2", "ro", Set.of(), new byte[32], T0, null,
                    null))).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> ro.revokeToken("tok-ro", T0)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    private static List<String> families(Path dir) throws Exception {
        List<String> names = new ArrayList<>();
        try (org.rocksdb.Options options = new org.rocksdb.Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(options, dir.toString())) {
                names.add(new String(name, StandardCharsets.US_ASCII));
            }
        }
        return names;
    }

    @Test
    void aStoreOfTheFirstLayoutIsReadAsItWasAndIndexedWhenOpenedForWriting() throws Exception {
        Device d = fullDevice("idx-3");
        store.commit(withParams(d, param("Device.DeviceInfo.SerialNumber", "S-3")));
        store.close();
        downgradeToLayout1(dir());

        DeviceQuery byTag = DeviceQuery.ALL.withTag("lab").withSoftwareVersion(d.softwareVersion());
        try (RocksAcsStore ro = RocksAcsStore.openReadOnly(dir())) {
            assertThat(ro.indexedParameters().isEmpty()).isTrue();
            assertThat(ro.findDevice(d.id())).isPresent();
            assertThat(ro.operations(d.id())).isEmpty();
            assertThat(ro.findDevices(byTag, null, 10)).as("searches scan the summaries").containsExactly(d);
        }
        store = RocksAcsStore.open(dir(), INDEXED);
        assertThat(store.findDevices(DeviceQuery.ALL.withParameter("Device.DeviceInfo.SerialNumber", "S-3"), null, 10))
                .hasSize(1);
        assertThat(store.findDevices(byTag, null, 10)).as("through the summary index built at open").containsExactly(d);
        // opened for writing, it has the families of layout 2: operations work
        assertThat(families(dir())).contains("parameter_index", "operations", "summary_index");
        assertThat(store.operations(d.id())).isEmpty();
        Operation rebooting = reboot("idx-3", T0);
        store.commit(session(d).operation(rebooting).build());
        assertThat(store.operations(d.id())).containsExactly(rebooting);
        assertThat(store.deleteDevice(d.id())).isTrue();
        assertThat(store.operations(d.id())).isEmpty();
    }

    @Test
    void aStoreOfANewerLayoutIsRefused() throws Exception {
        store.close();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (byte[] name : RocksDB.listColumnFamilies(new org.rocksdb.Options(), dir().toString())) {
            if (!java.util.Arrays.equals(name, RocksDB.DEFAULT_COLUMN_FAMILY)) {
                descriptors.add(new ColumnFamilyDescriptor(name));
            }
        }
        try (DBOptions options = new DBOptions();
             RocksDB db = RocksDB.open(options, dir().toString(), descriptors, handles)) {
            db.put(handles.get(0), "lodestar.store.layout".getBytes(StandardCharsets.US_ASCII), new byte[] {99});
            handles.forEach(ColumnFamilyHandle::close);
        }
        store = null;
        assertThatThrownBy(() -> RocksAcsStore.open(dir(), INDEXED)).hasMessageContaining("layout 99");
    }
}
