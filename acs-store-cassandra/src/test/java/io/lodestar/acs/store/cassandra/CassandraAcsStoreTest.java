package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.store.AcsStore;
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
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.lodestar.acs.store.StoreTestData.INDEXED;

/**
 * The store contracts on a real Cassandra 5 node (the shared test node): every test starts from empty tables
 * of one keyspace, and {@link #reopen(IndexedParameters)} opens a new store (a new driver session) on the same
 * keyspace.
 */
class CassandraAcsStoreTest extends StoreUnderTest implements DeviceStoreContract, DeviceSearchContract,
        TaskStoreContract, OperationStoreContract, SessionLeasesContract, CommitContract, StoreLifecycleContract,
        TokenStoreContract, ConnectionRequestStoreContract,
        io.lodestar.acs.store.CpeCredentialStoreContract, io.lodestar.acs.store.ProfileStoreContract {

    private static final String KEYSPACE = "contract";

    @RegisterExtension
    static final CassandraKeyspace keyspace = CassandraKeyspace.emptiedBeforeEachTest(KEYSPACE);

    @Override
    public AcsStore newStore() {
        return CassandraAcsStore.open(keyspace.config(), INDEXED);
    }

    @Override
    public AcsStore reopen(IndexedParameters indexed) {
        return CassandraAcsStore.open(keyspace.config(), indexed);
    }

    @Override
    public int informHistoryLimit() {
        return CassandraAcsStore.INFORM_HISTORY;
    }

    @Override
    public int faultHistoryLimit() {
        return CassandraAcsStore.FAULT_HISTORY;
    }
}
