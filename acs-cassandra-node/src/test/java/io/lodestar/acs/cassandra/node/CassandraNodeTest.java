package io.lodestar.acs.cassandra.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Cassandra nodes, one at a time (about 1 GB each). */
@Tag("cassandra")
class CassandraNodeTest {

    @TempDir
    Path dir;

    private CassandraNode node;

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.kill();
        }
    }

    @Test
    void startedNodeAnswersCqlOnAFreePortLogsToItsDirectoryAndOwnsIt() throws Exception {
        node = CassandraNode.builder().directory(dir).clusterName("start-test").build().start();

        assertThat(node.isRunning()).isTrue();
        assertThat(node.contactPoint().getAddress().isLoopbackAddress()).isTrue();
        assertThat(node.contactPoint().getPort()).isNotEqualTo(9042).isNotEqualTo(node.storagePort());
        try (CqlSession session = Cql.session(node)) {
            Row local = session.execute("SELECT release_version, cluster_name, data_center FROM system.local").one();
            assertThat(local.getString("release_version")).isEqualTo("5.0.2");
            assertThat(local.getString("cluster_name")).isEqualTo("start-test");
            assertThat(local.getString("data_center")).isEqualTo(node.localDatacenter());
        }
        assertThat(Files.readString(node.logFile())).contains("Startup complete");
        assertThat(dir.resolve("cassandra.yaml")).exists();
        assertThat(dir.resolve("data")).isDirectory();

        CassandraNode second = CassandraNode.builder().directory(dir).build();
        assertThatThrownBy(second::start).isInstanceOf(CassandraNodeException.class)
                .hasMessageContaining("another node runs in");
        assertThat(node.isRunning()).isTrue();
        assertThat(CqlProbe.speaksCql(node.contactPoint(), 1000)).isTrue();
    }

    @Test
    void restartKeepsDataAndPortsAndClientsReconnect() {
        node = CassandraNode.builder().directory(dir).build().start();
        InetSocketAddress before = node.contactPoint();
        int storagePort = node.storagePort();

        try (CqlSession session = Cql.session(node)) {
            session.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE ks.t (k text PRIMARY KEY, v int)");
            session.execute("INSERT INTO ks.t (k, v) VALUES ('a', 1)");

            node.stop();
            assertThat(node.isRunning()).isFalse();
            assertThat(CqlProbe.accepts(before, 500)).as("port refuses while stopped").isFalse();

            node.start();
            assertThat(node.contactPoint()).isEqualTo(before);
            assertThat(node.storagePort()).isEqualTo(storagePort);
            // the session opened before the restart reconnects to the same address
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(session.execute("SELECT v FROM ks.t WHERE k = 'a'").one().getInt("v")).isEqualTo(1));
        }
    }

    @Test
    void killedNodeRefusesConnectionsAndStartRecoversItsData() {
        node = CassandraNode.builder().directory(dir).build().start();
        try (CqlSession session = Cql.session(node)) {
            session.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE ks.t (k text PRIMARY KEY, v int)");
            session.execute("INSERT INTO ks.t (k, v) VALUES ('b', 2)");
        }

        node.kill();
        assertThat(node.isRunning()).isFalse();
        assertThat(node.pid()).isEmpty();
        assertThat(CqlProbe.accepts(node.contactPoint(), 500)).isFalse();
        assertThat(CqlProbe.speaksCql(node.contactPoint(), 500)).isFalse();

        node.start(); // replays the commit log: the write was acknowledged before the kill
        try (CqlSession session = Cql.session(node)) {
            assertThat(session.execute("SELECT v FROM ks.t WHERE k = 'b'").one().getInt("v")).isEqualTo(2);
        }
    }

    @Test
    void aNodeThatCannotStartFailsWithTheEndOfItsLog() {
        node = CassandraNode.builder().directory(dir).yaml("no_such_setting", "1").build();

        assertThatThrownBy(node::start).isInstanceOf(CassandraNodeException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("no_such_setting")
                .hasMessageContaining(node.logFile().toString());
        assertThat(node.isRunning()).isFalse();
    }

    @Test
    void aJvmThatCannotStartFailsWithTheJvmsMessage() {
        node = CassandraNode.builder().directory(dir).jvmOption("-XX:+NoSuchJvmOption").build();

        assertThatThrownBy(node::start).isInstanceOf(CassandraNodeException.class)
                .hasMessageContaining("NoSuchJvmOption");
    }
}
