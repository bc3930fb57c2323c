package io.lodestar.acs.cassandra.node;

/**
 * A node failed to start or to stop. The message names the node's directory and carries the last lines of
 * its log ({@code node.log}), so that a failing test shows why Cassandra did not come up.
 */
public class CassandraNodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CassandraNodeException(String message) {
        super(message);
    }

    public CassandraNodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
