package io.lodestar.acs.cassandra.node;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * Main class of the forked node JVM: guards against orphaned nodes, then hands over to Cassandra.
 *
 * <p>{@link CassandraNode} passes its own pid. When that JVM dies without stopping the node (kill -9 of a
 * test JVM, a crashed IDE), this guard notices and halts the node, so no Cassandra is left running. The pid
 * is watched through {@link ProcessHandle}, which also compares start times, so a reused pid is not
 * mistaken for the parent.
 *
 * <p>Loaded only inside the node JVM, next to cassandra-all; Cassandra is reached by reflection so that
 * this module does not compile against it.
 */
public final class NodeLauncher {

    static final String DAEMON_CLASS = "org.apache.cassandra.service.CassandraDaemon";
    static final String PARENT_PID_PROPERTY = "lodestar.cassandra.parent-pid";
    static final String PARENT_GONE_MESSAGE = "lodestar: the JVM that started this node is gone; halting the node";

    private NodeLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        String parentPid = System.getProperty(PARENT_PID_PROPERTY);
        if (parentPid != null) {
            Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(parentPid));
            if (parent.isEmpty()) {
                parentGone();
            }
            parent.get().onExit().thenRun(NodeLauncher::parentGone);
        }
        try {
            Class.forName(DAEMON_CLASS).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void parentGone() {
        System.err.println(PARENT_GONE_MESSAGE);
        // like a crash: acknowledged writes are in the synced commit log (commitlog_sync: batch) and replay on
        // the next start; nobody waits for this node any more
        Runtime.getRuntime().halt(3);
    }
}
