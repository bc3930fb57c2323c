package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.AcsStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on a real Cassandra 5 node (the shared test node): every test starts from empty tables
 * of one keyspace, and {@link #reopen()} opens a new store (a new driver session) on the same keyspace.
 */
class CassandraAcsStoreTest extends AcsStoreContract {

    private static final String KEYSPACE = "contract";
    private static TestCassandra cassandra;

    @BeforeAll
    static void freshKeyspace() {
        cassandra = new TestCassandra();
        cassandra.dropKeyspace(KEYSPACE);
    }

    @AfterAll
    static void dropKeyspace() {
        cassandra.dropKeyspace(KEYSPACE);
        cassandra.close();
    }

    @Override
    protected AcsStore newStore() {
        cassandra.truncate(KEYSPACE);
        return CassandraAcsStore.open(cassandra.config(KEYSPACE), INDEXED);
    }

    @Override
    protected AcsStore reopen(IndexedParameters indexed) {
        return CassandraAcsStore.open(cassandra.config(KEYSPACE), indexed);
    }

    @Override
    protected int informHistoryLimit() {
        return CassandraAcsStore.INFORM_HISTORY;
    }

    @Override
    protected int faultHistoryLimit() {
        return CassandraAcsStore.FAULT_HISTORY;
    }
}
