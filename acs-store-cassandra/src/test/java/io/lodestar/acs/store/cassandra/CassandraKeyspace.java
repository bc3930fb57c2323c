package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.lodestar.acs.store.IndexedParameters;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * A keyspace of its own on the shared test node ({@link TestCassandra}) for one test class, as a JUnit 5 extension
 * in a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final CassandraKeyspace keyspace = CassandraKeyspace.emptiedBeforeEachTest("commits");
 * </pre>
 *
 * Before the class's tests it reaches the node (starting it if this JVM has not yet) and drops whatever a crashed
 * earlier run left of the keyspace: the first store opened on it creates it afresh. Before each test it empties the
 * keyspace's tables, unless made with {@link #keptAcrossTests}. After each test it closes the stores opened through
 * {@link #open} (after the class's own {@code @AfterEach} methods, which may still use them). After the class it
 * drops the keyspace, once the node runs again (a test may have stopped it) and its side session reaches it.
 *
 * <p>Nested test classes share the outer class's keyspace: only the outermost class sets it up and drops it.
 */
final class CassandraKeyspace implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final String name;
    private final boolean emptiedBeforeEach;
    private final List<CassandraAcsStore> opened = new ArrayList<>();
    /** How many classes (the outer one and its nested ones) are running on the keyspace now. */
    private int classes;
    private TestCassandra cassandra;

    private CassandraKeyspace(String name, boolean emptiedBeforeEach) {
        this.name = name;
        this.emptiedBeforeEach = emptiedBeforeEach;
    }

    /** A keyspace whose tables are emptied before each test (every test starts from an empty store). */
    static CassandraKeyspace emptiedBeforeEachTest(String name) {
        return new CassandraKeyspace(name, true);
    }

    /** A keyspace whose tables the tests share: each test keeps to devices of its own, or empties it ({@link #empty}). */
    static CassandraKeyspace keptAcrossTests(String name) {
        return new CassandraKeyspace(name, false);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (classes++ > 0) {
            return;
        }
        cassandra = new TestCassandra();
        cassandra.dropKeyspace(name);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emptiedBeforeEach) {
            empty();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        opened.forEach(CassandraAcsStore::close); // closing a closed store is harmless
        opened.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--classes > 0 || cassandra == null) { // null: the node could not be reached, as the class was told
            return;
        }
        if (!cassandra.node.isRunning()) {
            cassandra.node.start();
        }
        cassandra.awaitSession(); // after a restart the side session reconnects on its own schedule
        cassandra.dropKeyspace(name);
        cassandra.close();
    }

    /** The keyspace's name (for statements behind the stores' back). */
    String name() {
        return name;
    }

    /** The shared node and a side session to it. */
    TestCassandra cassandra() {
        return cassandra;
    }

    /** The side session, for what tests do behind the stores' back. */
    CqlSession session() {
        return cassandra.session;
    }

    /** The store settings for this keyspace on the shared node ({@link TestCassandra#config}). */
    CassandraStoreConfig config() {
        return cassandra.config(name);
    }

    /** Empties every table of the keyspace that holds something; the migrations' bookkeeping stays. */
    void empty() {
        cassandra.truncate(name);
    }

    /** A store on the keyspace with these settings and indexed parameters, closed after the test. */
    CassandraAcsStore open(CassandraStoreConfig config, IndexedParameters indexed) {
        return closedAfterTheTest(CassandraAcsStore.open(config, indexed));
    }

    /** A store on the keyspace indexing these parameters, closed after the test. */
    CassandraAcsStore open(IndexedParameters indexed) {
        return open(config(), indexed);
    }

    /** {@code store}, closed after the test (with the stores opened here). */
    CassandraAcsStore closedAfterTheTest(CassandraAcsStore store) {
        opened.add(store);
        return store;
    }
}
