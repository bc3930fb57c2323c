package io.lodestar.acs.server;

import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.cassandra.CassandraAcsStore;
import io.lodestar.acs.store.embedded.RocksAcsStore;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the configured store for the command-line tools. They search by the parameters the store already
 * indexes, whatever their own settings say, so that a tool never rebuilds or drops an index the ACS keeps.
 */
public final class StoreAccess {

    private StoreAccess() {}

    /**
     * For inspection. The embedded store opens read-only, so this works beside a running ACS (it sees the
     * store as of the moment it opened); Cassandra is shared by design.
     */
    public static AcsStore openForReading(AcsConfig config) {
        if (config.server().isCassandra()) {
            return CassandraAcsStore.open(Stores.cassandraConfig(config.cassandra()), null);
        }
        requireStore(config.embedded().path());
        return RocksAcsStore.openReadOnly(config.embedded().path());
    }

    /**
     * For changes. The embedded store admits one writer at a time, so the ACS must be stopped; on Cassandra,
     * changes may be made while ACS nodes run.
     */
    public static AcsStore openForWriting(AcsConfig config) {
        if (config.server().isCassandra()) {
            return CassandraAcsStore.open(Stores.cassandraConfig(config.cassandra()), null);
        }
        requireStore(config.embedded().path());
        return RocksAcsStore.open(config.embedded().path());
    }

    /** Where the tools say the store is: the embedded directory, or the Cassandra keyspace. */
    public static String describe(AcsConfig config) {
        return config.server().isCassandra()
                ? "Cassandra keyspace " + config.cassandra().keyspace() + " at " + String.join(",", config.cassandra().contactPoints())
                : config.embedded().path().toString();
    }

    private static void requireStore(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no store at " + dir.toAbsolutePath().normalize()
                    + " (start the ACS once, or pass --data)");
        }
    }
}
