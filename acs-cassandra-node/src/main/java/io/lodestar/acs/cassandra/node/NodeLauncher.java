package io.lodestar.acs.cassandra.node;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;

/**
 * Main class of the forked node JVM: guards against orphaned nodes, then hands over to Cassandra.
 *
 * <p>{@link CassandraNode} keeps the write end of the node's stdin open for as long as it runs the node. When
 * the JVM that started the node dies without stopping it (kill -9 of a test JVM, a crashed IDE), the pipe
 * closes, this guard reads end-of-file and halts the node, so no Cassandra is left running. Cassandra
 * never reads stdin itself.
 *
 * <p>Loaded only inside the node JVM, next to cassandra-all; Cassandra is reached by reflection so that
 * this module does not compile against it.
 */
public final class NodeLauncher {

    static final String DAEMON_CLASS = "org.apache.cassandra.service.CassandraDaemon";
    static final String WATCH_STDIN_PROPERTY = "lodestar.cassandra.exit-on-stdin-eof";

    private NodeLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        if (Boolean.getBoolean(WATCH_STDIN_PROPERTY)) {
            Thread guard = new Thread(NodeLauncher::exitWhenParentGoes, "lodestar-parent-guard");
            guard.setDaemon(true);
            guard.start();
        }
        try {
            Class.forName(DAEMON_CLASS).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenParentGoes() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // nothing is ever written; keep reading until the parent's end closes
            }
        } catch (IOException e) {
            // a broken pipe means the same as end-of-file
        }
        System.err.println("lodestar: the JVM that started this node is gone; halting the node");
        // like a crash: acknowledged writes are in the synced commit log (commitlog_sync: batch) and replay on
        // the next start; a drain could hang on a dead client, and nobody waits for this node any more
        Runtime.getRuntime().halt(3);
    }
}
