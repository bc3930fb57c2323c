package io.lodestar.acs.cassandra.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("cassandra")
class SharedCassandraTest {

    @Test
    void concurrentFirstCallsGetOneRunningNode() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<CassandraNode>> calls = IntStream.range(0, 6)
                    .<Callable<CassandraNode>>mapToObj(i -> SharedCassandra::node).toList();
            List<CassandraNode> nodes = pool.invokeAll(calls).stream().map(SharedCassandraTest::get).toList();

            assertThat(nodes).hasSize(6).containsOnly(nodes.get(0));
        } finally {
            pool.shutdownNow();
        }
        CassandraNode node = SharedCassandra.node();
        assertThat(node.isRunning()).isTrue();
        assertThat(node.directory().getFileName().toString()).startsWith("lodestar-cassandra-");
        try (CqlSession session = Cql.session(node)) {
            assertThat(session.execute("SELECT release_version FROM system.local").one().getString(0))
                    .isEqualTo("5.0.2");
        }
    }

    @Test
    void aSharedNodeStoppedByATestIsStartedAgainOnTheSamePort() {
        CassandraNode node = SharedCassandra.node();
        var contactPoint = node.contactPoint();
        node.kill();

        assertThat(SharedCassandra.node()).isSameAs(node);
        assertThat(node.isRunning()).isTrue();
        assertThat(node.contactPoint()).isEqualTo(contactPoint);
        assertThat(CqlProbe.speaksCql(contactPoint, 1000)).isTrue();
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
