package io.lodestar.acs.cassandra.node;

import java.nio.file.Path;

/** Started in its own JVM by {@link CassandraNodeTest}: runs a node, says its pid, and waits to be killed. */
public final class OrphanMain {

    private OrphanMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CassandraNode node = CassandraNode.builder().directory(Path.of(args[0])).build().start();
        System.out.println("NODE-PID " + node.pid().getAsLong());
        System.out.flush();
        Thread.currentThread().join();
    }
}
