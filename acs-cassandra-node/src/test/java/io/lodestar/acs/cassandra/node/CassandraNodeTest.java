package io.lodestar.acs.cassandra.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
    void restartAfterStopOrKillKeepsDataAndPortsAndClientsReconnect() throws Exception {
        node = CassandraNode.builder().directory(dir).build().start();
        InetSocketAddress contactPoint = node.contactPoint();
        int storagePort = node.storagePort();

        try (CqlSession session = Cql.session(node)) {
            session.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE ks.t (k text PRIMARY KEY, v int)");
            session.execute("INSERT INTO ks.t (k, v) VALUES ('a', 1)");

            node.stop();
            assertThat(node.isRunning()).isFalse();
            assertThat(node.pid()).isEmpty();
            assertThat(Files.readString(node.logFile())).as("stop() drains the node")
                    .contains("Cassandra shutdown complete").doesNotContain(NodeLauncher.PARENT_GONE_MESSAGE);
            assertThat(CqlProbe.accepts(contactPoint, 500)).as("port refuses while stopped").isFalse();

            node.start();
            assertThat(node.contactPoint()).isEqualTo(contactPoint);
            assertThat(node.storagePort()).isEqualTo(storagePort);
            // the session opened before the restart reconnects to the same address
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(session.execute("SELECT v FROM ks.t WHERE k = 'a'").one().getInt("v")).isEqualTo(1));
            session.execute("INSERT INTO ks.t (k, v) VALUES ('b', 2)");

            node.kill();
            assertThat(node.isRunning()).isFalse();
            assertThat(CqlProbe.accepts(contactPoint, 500)).as("port refuses once killed").isFalse();
            assertThat(CqlProbe.speaksCql(contactPoint, 500)).isFalse();

            node.start(); // replays the commit log: the write was acknowledged, so synced, before the kill
            assertThat(node.contactPoint()).isEqualTo(contactPoint);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(session.execute("SELECT v FROM ks.t WHERE k = 'b'").one().getInt("v")).isEqualTo(2));
        }
    }

    @Test
    void aChosenPortTakenBeforeCassandraBindsItIsChosenAfresh() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            AtomicInteger chosen = new AtomicInteger();
            node = CassandraNode.builder().directory(dir)
                    // the second port chosen is the storage port, which Cassandra binds early
                    .portChooser(() -> chosen.incrementAndGet() == 2 ? taken.getLocalPort() : freePort())
                    .build().start();

            assertThat(node.isRunning()).isTrue();
            assertThat(node.storagePort()).isNotEqualTo(taken.getLocalPort());
            assertThat(chosen.get()).as("ports chosen over two attempts").isEqualTo(4);
            assertThat(Files.readString(node.logFile())).contains(taken.getLocalPort() + " is in use by another process");
            assertThat(CqlProbe.speaksCql(node.contactPoint(), 1000)).isTrue();
        }
    }

    @Test
    void aGivenPortThatIsTakenFailsTheStartWithoutRetrying() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            node = CassandraNode.builder().directory(dir).storagePort(taken.getLocalPort()).build();

            assertThatThrownBy(node::start).isInstanceOf(CassandraNodeException.class)
                    .hasMessageContaining("exited with code")
                    .hasMessageContaining(taken.getLocalPort() + " is in use by another process");
            assertThat(Files.readString(node.logFile()).split("Classpath: ", -1)).as("one attempt").hasSize(2);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aNodeWhoseParentJvmIsKilledHaltsItself() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path parentOut = dir.resolve("parent.out");
        Process parent = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                OrphanMain.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(parentOut.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> !parent.isAlive() || Files.readString(parentOut).contains("NODE-PID "));
            String out = Files.readString(parentOut);
            assertThat(out).as("parent output").contains("NODE-PID ");
            long pid = Long.parseLong(out.replaceAll("(?s).*NODE-PID (\\d+).*", "$1"));
            ProcessHandle nodeProcess = ProcessHandle.of(pid).orElseThrow();

            parent.destroyForcibly().waitFor(); // kill -9: no shutdown hook runs in the parent

            await().atMost(Duration.ofSeconds(30)).until(() -> !nodeProcess.isAlive());
            assertThat(Files.readString(dir.resolve("node.log"))).contains(NodeLauncher.PARENT_GONE_MESSAGE);
        } finally {
            parent.destroyForcibly();
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
