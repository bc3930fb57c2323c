package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.store.cassandra.CassandraMigrations.Migration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Versioned schema migrations on the real node: applied once, idempotent, safe when ACS nodes start together. */
class CassandraMigrationsTest {

    private static final List<String> KEYSPACES =
            List.of("mig_once", "mig_race", "mig_next", "mig_edit", "mig_lock", "mig_busy", "mig_nts");
    /** The tables of the bundled migrations (V001 to V015) and the bookkeeping. */
    private static final List<String> TABLES = List.of("api_tokens", "connection_requests", "cpe_credentials",
            "device_index", "devices", "faults", "file_chunks", "file_references", "files", "informs", "operations", "parameters",
            "profile_keys", "profile_status_reports", "profile_templates", "profile_values", "schema_migration_lock", "schema_migrations", "session_claims", "session_leases", "store_settings", "tasks", "tasks_by_id");
    /** The versions of the bundled migrations. */
    private static final List<Integer> VERSIONS = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    private static TestCassandra cassandra;

    @BeforeAll
    static void node() {
        cassandra = new TestCassandra();
        KEYSPACES.forEach(cassandra::dropKeyspace);
    }

    @AfterAll
    static void dropKeyspaces() {
        KEYSPACES.forEach(cassandra::dropKeyspace);
        cassandra.close();
    }

    private static CassandraMigrations migrations(CqlSession session, String keyspace, List<Migration> list,
                                                  Duration lockWait) {
        return new CassandraMigrations(session, keyspace, cassandra.config(keyspace).replicationCql(),
                DefaultConsistencyLevel.LOCAL_QUORUM, DefaultConsistencyLevel.LOCAL_SERIAL, list, lockWait);
    }

    private static CassandraMigrations migrations(String keyspace, List<Migration> list) {
        return migrations(cassandra.session, keyspace, list, Duration.ofMinutes(1));
    }

    private static List<String> tables(String keyspace) {
        List<String> out = new ArrayList<>();
        for (Row r : cassandra.session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?",
                keyspace)) {
            out.add(r.getString(0));
        }
        return out;
    }

    private static List<Row> applied(String keyspace) {
        return cassandra.session.execute("SELECT version, name, checksum, applied_at, applied_by FROM " + keyspace
                + ".schema_migrations").all();
    }

    @Test
    void theBundledMigrationsComeFromTheClasspath() {
        List<Migration> bundled = CassandraMigrations.bundled();
        assertThat(bundled).extracting(Migration::version).startsWith(1).isSorted();
        Migration first = bundled.get(0);
        assertThat(first.fileName()).isEqualTo("V001__initial.cql");
        assertThat(first.statements()).allSatisfy(s -> assertThat(s).startsWith("CREATE").doesNotContain("--"));
        assertThat(first.statements()).anySatisfy(s -> assertThat(s).contains("StorageAttachedIndex"));
        assertThat(bundled).extracting(Migration::version).containsExactlyElementsOf(VERSIONS);
        // safe to apply again after a crash, and side by side: every statement says IF NOT EXISTS
        assertThat(bundled).flatExtracting(Migration::statements)
                .allSatisfy(s -> assertThat(s).containsIgnoringCase("IF NOT EXISTS"));
    }

    @Test
    void statementsSplitAtSemicolonsOutsideQuotesAndComments() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE a (k text PRIMARY KEY) WITH comment = 'it''s; fine -- really';
                /* block; comment */ CREATE TABLE "b;c" (k int PRIMARY KEY); // trailing
                ;
                """;
        assertThat(CassandraMigrations.statements(script)).containsExactly(
                "CREATE TABLE a (k text PRIMARY KEY) WITH comment = 'it''s; fine -- really'",
                "CREATE TABLE \"b;c\" (k int PRIMARY KEY)");
    }

    @Test
    void appliedOnceThenNothingIsLeftToDo() {
        assertThat(migrations("mig_once", CassandraMigrations.bundled()).apply()).containsExactlyElementsOf(VERSIONS);
        assertThat(tables("mig_once")).containsExactlyInAnyOrderElementsOf(TABLES);
        List<Row> rows = applied("mig_once");
        assertThat(rows).extracting(r -> r.getInt("version")).containsExactlyInAnyOrderElementsOf(VERSIONS);
        assertThat(rows).extracting(r -> r.getString("name"))
                .containsExactlyInAnyOrder("initial", "indexed_parameters", "operations", "tokens", "files",
                        "connection_request_credentials", "cpe_credentials", "profiles", "file_references",
                        "learned_udp_bindings", "session_claims", "session_claim_order", "parameters_commit_marker",
                        "pending_work_markers", "session_claims_in_devices");
        for (Row r : rows) {
            assertThat(r.getString("checksum")).isEqualTo(CassandraMigrations.bundled().stream()
                    .filter(m -> m.version() == r.getInt("version")).findFirst().orElseThrow().checksum());
        }
        List<Instant> appliedAt = rows.stream().map(r -> r.getInstant("applied_at")).toList();
        assertThat(cassandra.session.execute("SELECT index_name FROM system_schema.indexes WHERE keyspace_name = "
                + "'mig_once'").all()).extracting(r -> r.getString(0)).hasSize(5).contains("device_index_params");
        assertThat(cassandra.session.execute("SELECT type FROM system_schema.columns WHERE keyspace_name = "
                + "'mig_once' AND table_name = 'device_index' AND column_name = 'params'").one().getString(0))
                .isEqualTo("map<text, text>");
        assertThat(cassandra.session.execute("SELECT column_name, kind, type FROM system_schema.columns WHERE "
                + "keyspace_name = 'mig_once' AND table_name = 'operations'").all())
                .extracting(r -> r.getString(0) + " " + r.getString(1) + " " + r.getString(2))
                .containsExactlyInAnyOrder("device_id partition_key text", "task_id clustering text",
                        "status regular text", "kind regular text", "record regular blob");
        assertThat(cassandra.session.execute("SELECT column_name, type FROM system_schema.columns WHERE "
                + "keyspace_name = 'mig_once' AND table_name = 'devices'").all())
                .extracting(r -> r.getString(0) + " " + r.getString(1))
                .contains("pending_tasks set<text>", "tasks_tracked boolean", "has_operations boolean",
                        "operations_tracked boolean", "newest_inform_micros bigint",
                        "session_claims map<text, bigint>");

        assertThat(migrations("mig_once", CassandraMigrations.bundled()).apply()).isEmpty();
        assertThat(applied("mig_once")).extracting(r -> r.getInstant("applied_at"))
                .containsExactlyElementsOf(appliedAt);
    }

    @Test
    void twoNodesStartingTogetherApplyTheSchemaOnceAndBothWork() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        List<CassandraAcsStore> stores = new ArrayList<>();
        try {
            List<Future<CassandraAcsStore>> opening = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                opening.add(pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return CassandraAcsStore.open(cassandra.config("mig_race"));
                }));
            }
            for (Future<CassandraAcsStore> f : opening) {
                stores.add(f.get(3, TimeUnit.MINUTES));
            }
            assertThat(applied("mig_race")).extracting(r -> r.getInt("version"))
                    .containsExactlyInAnyOrderElementsOf(VERSIONS);
            assertThat(tables("mig_race")).containsExactlyInAnyOrderElementsOf(TABLES);
            Device d = Device.register(new DeviceId("both"), Instant.parse("2025-01-01T00:00:00Z"));
            stores.get(0).commit(new SessionChanges.Builder(d).build());
            assertThat(stores.get(1).findDevice(d.id())).contains(d);
            assertThat(stores.get(1).setTags(d.id(), Set.of("x"))).isPresent();
            assertThat(stores.get(0).listDevices(null, 5)).extracting(Device::tags).containsExactly(Set.of("x"));
        } finally {
            stores.forEach(CassandraAcsStore::close);
            pool.shutdownNow();
        }
    }

    @Test
    void twoAppliersAtOnceApplyEachMigrationExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        List<CqlSession> sessions = List.of(session(), session());
        try {
            List<Future<List<Integer>>> runs = new ArrayList<>();
            for (CqlSession s : sessions) {
                runs.add(pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return migrations(s, "mig_lock", CassandraMigrations.bundled(), Duration.ofMinutes(2)).apply();
                }));
            }
            List<List<Integer>> results = new ArrayList<>();
            for (Future<List<Integer>> f : runs) {
                results.add(f.get(3, TimeUnit.MINUTES));
            }
            assertThat(results).containsExactlyInAnyOrder(VERSIONS, List.of());
            assertThat(applied("mig_lock")).hasSize(VERSIONS.size());
            assertThat(cassandra.session.execute("SELECT * FROM mig_lock.schema_migration_lock").all())
                    .as("the lock was given back").isEmpty();
        } finally {
            sessions.forEach(CqlSession::close);
            pool.shutdownNow();
        }
    }

    private static CqlSession session() {
        return CqlSession.builder().withConfigLoader(CassandraAcsStore.driverConfig(cassandra.config("system")))
                .addContactPoint(cassandra.node.contactPoint()).withLocalDatacenter(cassandra.node.localDatacenter())
                .build();
    }

    @Test
    void aLaterMigrationIsAppliedInOrderAndANewerSchemaIsRefused() {
        List<Migration> withNext = new ArrayList<>(CassandraMigrations.bundled());
        int next = withNext.get(withNext.size() - 1).version() + 1;
        withNext.add(new Migration(next, "files", """
                -- the next issue's table
                CREATE TABLE IF NOT EXISTS files (file_id text PRIMARY KEY, size bigint);
                """));
        assertThat(migrations("mig_next", withNext).apply()).endsWith(next).startsWith(1);
        assertThat(tables("mig_next")).contains("files", "operations", "devices");

        assertThatThrownBy(() -> migrations("mig_next", CassandraMigrations.bundled()).apply())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has schema migration " + next)
                .hasMessageContaining("newer version");
    }

    @Test
    void anEditedMigrationIsRefused() {
        migrations("mig_edit", CassandraMigrations.bundled()).apply();
        Migration first = CassandraMigrations.bundled().get(0);
        List<Migration> edited = new ArrayList<>(CassandraMigrations.bundled());
        edited.set(0, new Migration(first.version(), first.name(), first.text() + "\n-- edited\n"));
        assertThatThrownBy(() -> migrations("mig_edit", edited).apply())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V001__initial.cql differs")
                .hasMessageContaining("never edit an applied migration");
    }

    @Test
    void theLockOfACrashedApplierOnlyDelaysTheNextOneUntilItExpires() {
        migrations("mig_busy", List.of()).apply(); // keyspace and bookkeeping tables only
        cassandra.session.execute("INSERT INTO mig_busy.schema_migration_lock (name, owner, since) "
                + "VALUES ('migrations', 'crashed-node', toTimestamp(now())) USING TTL 3");

        assertThatThrownBy(() -> migrations(cassandra.session, "mig_busy", CassandraMigrations.bundled(),
                Duration.ofMillis(500)).apply())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("crashed-node");
        assertThat(applied("mig_busy")).isEmpty();

        long start = System.nanoTime();
        assertThat(migrations("mig_busy", CassandraMigrations.bundled()).apply()).containsExactlyElementsOf(VERSIONS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("it waited for the lock to expire")
                .isGreaterThan(Duration.ofSeconds(1));
        assertThat(tables("mig_busy")).containsExactlyInAnyOrderElementsOf(TABLES);
    }

    @Test
    void openingAStoreCreatesItsKeyspaceWithTheConfiguredReplicationAndNeverAltersIt() {
        String dc = cassandra.node.localDatacenter();
        try (CassandraAcsStore s = CassandraAcsStore.open(cassandra.config("mig_nts")
                .withReplication(CassandraStoreConfig.networkTopologyStrategy(Map.of(dc, 1))))) {
            assertThat(s.listDevices(null, 1)).isEmpty();
        }
        assertThat(replication("mig_nts")).containsEntry("class", "org.apache.cassandra.locator.NetworkTopologyStrategy")
                .containsEntry(dc, "1");
        try (CassandraAcsStore s = CassandraAcsStore.open(cassandra.config("mig_nts")
                .withReplication(CassandraStoreConfig.simpleStrategy(1)))) {
            assertThat(s.listDevices(null, 1)).isEmpty();
        }
        assertThat(replication("mig_nts")).containsEntry("class", "org.apache.cassandra.locator.NetworkTopologyStrategy");
    }

    private static Map<String, String> replication(String keyspace) {
        return cassandra.session.execute(SimpleStatement.newInstance(
                "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace)).one()
                .getMap(0, String.class, String.class);
    }

    @Test
    void aStoreOpensOnceANodeThatLackedATableOfTheMigrationsHasIt() throws Exception {
        String keyspace = "mig_schema_behind";
        cassandra.dropKeyspace(keyspace);
        CassandraAcsStore.open(cassandra.config(keyspace)).close();
        // what a node the new table has not reached yet answers: the migrations are recorded, the table is missing
        cassandra.session.execute(SimpleStatement.newInstance(
                "DROP TABLE " + keyspace + ".session_claims").setTimeout(Duration.ofSeconds(60)));
        int before = CassandraAcsStore.PREPARED_AGAIN.get();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<CassandraAcsStore> opening =
                    pool.submit(() -> CassandraAcsStore.open(cassandra.config(keyspace)));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> CassandraAcsStore.PREPARED_AGAIN.get() > before || opening.isDone());
            assertThat(opening.isDone()).as("still waiting for the table").isFalse();
            cassandra.session.execute(SimpleStatement.newInstance(
                    "CREATE TABLE " + keyspace + ".session_claims (device_id text, owner text, since bigint, "
                            + "PRIMARY KEY ((device_id), owner))").setTimeout(Duration.ofSeconds(60)));
            try (CassandraAcsStore store = opening.get(60, TimeUnit.SECONDS)) {
                assertThat(store.acquireLease(new DeviceId("d"), "node-a",
                        Duration.ofSeconds(5))).isTrue();
            }
        } finally {
            pool.shutdownNow();
            cassandra.dropKeyspace(keyspace);
        }
    }
}
