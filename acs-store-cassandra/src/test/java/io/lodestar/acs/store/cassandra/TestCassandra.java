package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lodestar.acs.cassandra.node.CassandraNode;
import io.lodestar.acs.cassandra.node.SharedCassandra;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The real Cassandra node the tests of this package share ({@link SharedCassandra}: one node per test JVM,
 * started by the first test that asks), and a side session for what tests do behind the store's back.
 */
final class TestCassandra implements AutoCloseable {

    /** Tables the store's tests empty between tests; the migration bookkeeping stays. */
    private static final Set<String> KEPT = Set.of("schema_migrations", "schema_migration_lock");

    final CassandraNode node;
    final CqlSession session;

    TestCassandra() {
        node = SharedCassandra.node();
        session = CqlSession.builder()
                .withConfigLoader(CassandraAcsStore.driverConfig(config("system")))
                .addContactPoint(node.contactPoint())
                .withLocalDatacenter(node.localDatacenter())
                .build();
    }

    /** The store's settings for the shared node: one replica, LOCAL_QUORUM (= the one node), 10 s requests. */
    CassandraStoreConfig config(String keyspace) {
        InetSocketAddress cp = node.contactPoint();
        return CassandraStoreConfig.of(List.of(cp.getHostString() + ":" + cp.getPort()), node.localDatacenter())
                .withKeyspace(keyspace)
                .withRequestTimeout(Duration.ofSeconds(10));
    }

    /** Waits until this side session reaches the node again (after the node was restarted). */
    void awaitSession() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> session.execute("SELECT release_version FROM system.local").one() != null);
    }

    void dropKeyspace(String keyspace) {
        session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace)
                .setTimeout(Duration.ofSeconds(60)));
    }

    /** Empties every table of the keyspace that holds something (TRUNCATE is quick: auto_snapshot is off). */
    void truncate(String keyspace) {
        List<String> tables = new ArrayList<>();
        for (Row r : session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace)) {
            if (!KEPT.contains(r.getString(0))) {
                tables.add(r.getString(0));
            }
        }
        List<CompletionStage<?>> probes = new ArrayList<>();
        for (String t : tables) {
            probes.add(session.executeAsync("SELECT * FROM " + keyspace + "." + t + " LIMIT 1"));
        }
        for (int i = 0; i < tables.size(); i++) {
            com.datastax.oss.driver.api.core.cql.AsyncResultSet rs =
                    (com.datastax.oss.driver.api.core.cql.AsyncResultSet) Async.join(probes.get(i));
            if (rs.one() != null) {
                session.execute(SimpleStatement.newInstance("TRUNCATE " + keyspace + "." + tables.get(i))
                        .setTimeout(Duration.ofSeconds(60)));
            }
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
