package io.lodestar.acs.server;

import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.FileStore;
import io.lodestar.acs.server.config.ConfigException;
import io.lodestar.acs.store.cache.CachingAcsStore;
import io.lodestar.acs.store.cassandra.CassandraAcsStore;
import io.lodestar.acs.store.cassandra.CassandraSettings;
import io.lodestar.acs.store.cassandra.CassandraStoreConfig;
import io.lodestar.acs.store.cassandra.CassandraFileStore;
import io.lodestar.acs.store.embedded.DiskFileStore;
import io.lodestar.acs.store.embedded.RocksAcsStore;

/** Opens the configured store: the embedded RocksDB store behind a Caffeine read cache, or Cassandra. */
final class Stores {

    private Stores() {}

    static AcsStore open(AcsConfig config) {
        if (config.server().isCassandra()) {
            // no read cache: another ACS node may change a device between two of this node's sessions
            return CassandraAcsStore.open(cassandraConfig(config.cassandra()), config.store().indexed());
        }
        AcsStore rocks = config.embedded().sync()
                ? RocksAcsStore.open(config.embedded().path(), config.store().indexed())
                : RocksAcsStore.open(config.embedded().path(), config.store().indexed(), RocksAcsStore.Option.NO_SYNC);
        return config.cache().enabled() ? new CachingAcsStore(rocks, config.cache().maxBytes()) : rocks;
    }

    /**
     * The files of the engine {@link #open} opened: the embedded engine's in {@code <store.path>/files}; the
     * Cassandra engine's in its cluster, with local copies in {@code files.cache-path}.
     */
    static FileStore openFiles(AcsConfig config, AcsStore store) {
        if (store instanceof CassandraAcsStore cassandra) {
            java.nio.file.Path cache = config.files().cachePath() != null
                    ? java.nio.file.Path.of(config.files().cachePath()) : config.dataDirectory().resolve("file-cache");
            return CassandraFileStore.over(cassandra, cache, config.files().cacheMaxBytes());
        }
        return DiskFileStore.open(config.dataDirectory().resolve("files"));
    }

    static CassandraStoreConfig cassandraConfig(CassandraSettings c) {
        try {
            return c.toStoreConfig();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
