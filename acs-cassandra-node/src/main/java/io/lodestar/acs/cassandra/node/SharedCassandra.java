package io.lodestar.acs.cassandra.node;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One Cassandra node for the whole test JVM, started on first use and killed (its temporary directory
 * deleted) when the JVM exits. Test classes in any module share it:
 *
 * <pre>{@code
 * @Tag("cassandra")
 * class CassandraStoreTest {
 *     static CassandraNode node = SharedCassandra.node();   // fails the class, with the node log, if Cassandra cannot start
 *     ...
 *         CqlSession.builder().addContactPoint(node.contactPoint()).withLocalDatacenter(node.localDatacenter())...
 * }
 * }</pre>
 *
 * <p>Tests share the node, so each test class should use its own keyspace (and drop or truncate what it
 * made); {@code auto_snapshot} is off, so TRUNCATE and DROP are quick.
 *
 * <p>A node that cannot start is never a reason to skip: {@link #node()} throws {@link CassandraNodeException}
 * with the last lines of the node log, and throws the same failure again on every later call rather than
 * trying (for two minutes) once per test class.
 *
 * <p>System properties (e.g. in surefire's {@code systemPropertyVariables}):
 * {@code lodestar.cassandra.heap} (default {@code 1g}), {@code lodestar.cassandra.keep} ({@code true} keeps
 * the node's directory after the JVM exits, for reading {@code node.log}; its path is in the exception
 * messages and in {@link CassandraNode#directory()}), {@code lodestar.cassandra.yaml} (extra {@code cassandra.yaml}
 * entries as {@code key=value,key=value}, for benchmarks such as {@code paxos_variant=v2}). The directory of a node
 * that failed to start is kept.
 */
public final class SharedCassandra {

    public static final String HEAP_PROPERTY = "lodestar.cassandra.heap";
    public static final String KEEP_PROPERTY = "lodestar.cassandra.keep";
    /** Extra {@code cassandra.yaml} entries, {@code key=value,key=value} (e.g. {@code paxos_variant=v2}). */
    public static final String YAML_PROPERTY = "lodestar.cassandra.yaml";

    private static CassandraNode node;
    private static CassandraNodeException failure;

    private SharedCassandra() {
    }

    /** The JVM's shared node, running; started by the first caller, others wait for it. */
    public static synchronized CassandraNode node() {
        if (failure != null) {
            throw new CassandraNodeException("the shared Cassandra node failed to start earlier in this JVM: "
                    + failure.getMessage(), failure);
        }
        if (node == null) {
            node = startNode();
        } else if (!node.isRunning()) {
            node.start(); // a test stopped or killed it: same directory, same ports
        }
        return node;
    }

    private static CassandraNode startNode() {
        Path directory;
        try {
            directory = Files.createTempDirectory("lodestar-cassandra-");
        } catch (IOException e) {
            failure = new CassandraNodeException("cannot create a directory for the shared Cassandra node", e);
            throw failure;
        }
        CassandraNode.Builder builder = CassandraNode.builder()
                .directory(directory)
                .clusterName("lodestar-test")
                .listenAddress("127.0.0.1")
                .heap(System.getProperty(HEAP_PROPERTY, "1g"));
        for (String entry : System.getProperty(YAML_PROPERTY, "").split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                builder.yaml(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
            }
        }
        CassandraNode created = builder.build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            created.kill();
            if (!Boolean.getBoolean(KEEP_PROPERTY) && !failed()) { // a failed start keeps its node.log
                deleteQuietly(directory);
            }
        }, "lodestar-shared-cassandra-exit"));
        try {
            return created.start();
        } catch (RuntimeException e) {
            failure = e instanceof CassandraNodeException c ? c
                    : new CassandraNodeException("the shared Cassandra node failed to start: " + e, e);
            throw failure;
        }
    }

    private static synchronized boolean failed() {
        return failure != null;
    }

    private static void deleteQuietly(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: it is a temporary directory
        }
    }
}
