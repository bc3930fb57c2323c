package io.lodestar.acs.store;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.parameter.Parameter;

import java.util.List;

import static io.lodestar.acs.store.StoreTestData.INDEXED;
import static io.lodestar.acs.store.StoreTestData.object;
import static io.lodestar.acs.store.StoreTestData.param;
import static io.lodestar.acs.store.StoreTestData.withParams;

/**
 * What every contract suite needs of an engine's test: the store under test and a way to restart it. There is
 * one contract per store interface ({@link DeviceStoreContract}, {@link DeviceSearchContract},
 * {@link TaskStoreContract}, {@link OperationStoreContract}, {@link SessionLeasesContract}, {@link CommitContract},
 * {@link StoreLifecycleContract}, and {@link TokenStoreContract} for a store that is a {@link TokenStore} too),
 * each a JUnit 5 interface of default test methods extending this one; an engine's test implements every
 * contract its store fulfils, usually by extending {@link StoreUnderTest}, which opens and closes the store
 * around each test, and implementing {@link #newStore()} and {@link #reopen(IndexedParameters)}. These suites
 * ship in this module's test-jar.
 */
public interface StoreFixture {

    /** A fresh, empty store that indexes {@link StoreTestData#INDEXED}. */
    AcsStore newStore();

    /**
     * The storage of the last {@link #newStore()} opened again, indexing {@code indexed}, after the contract
     * has closed the store it had (a restart, possibly with another list of indexed parameters).
     */
    AcsStore reopen(IndexedParameters indexed);

    /** How many Informs per device the store keeps; the contract checks that exactly this many survive. */
    default int informHistoryLimit() {
        return 50;
    }

    /** How many faults per device the store keeps. */
    default int faultHistoryLimit() {
        return 100;
    }

    /** The store under test: a {@link #newStore()} opened before the test, or what the last restart opened. */
    AcsStore store();

    /** Closes the store (closing a closed store is harmless) and opens its storage again, indexing {@code indexed}. */
    void restart(IndexedParameters indexed);

    /** Closes the store and opens its storage again, indexing {@link StoreTestData#INDEXED}. */
    default void restart() {
        restart(INDEXED);
    }

    // ---- fixtures that need the store ---------------------------------------------------------------------

    /** The paths of the device's parameters under {@code prefix}, in the order the store returns them. */
    default List<String> paths(DeviceId id, String prefix) {
        return store().parameters(id, prefix).stream().map(Parameter::path).toList();
    }

    /** Commits a small data model of 13 parameters (6 objects, 7 leaves) for {@code d}. */
    default void seedTree(Device d) {
        store().commit(withParams(d,
                object("Device."),
                object("Device.IP."),
                object("Device.IP.Interface."),
                object("Device.IP.Interface.1."),
                param("Device.IP.Interface.1.Enable", "true"),
                param("Device.IP.Interface.1.Name", "wan"),
                object("Device.IP.Interface.10."),
                param("Device.IP.Interface.10.Name", "lan10"),
                object("Device.IP.Interface.2."),
                param("Device.IP.Interface.2.Name", "lan"),
                param("Device.IP.InterfaceNumberOfEntries", "3"),
                param("Device.DeviceInfo.SoftwareVersion", "4.2.1"),
                param("Device.DeviceInfo.SoftwareVersionExtra", "x")));
    }
}
