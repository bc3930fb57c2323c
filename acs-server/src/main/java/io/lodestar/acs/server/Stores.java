package io.lodestar.acs.server;

import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.server.config.ConfigException;
import io.lodestar.acs.store.cache.CachingAcsStore;
import io.lodestar.acs.store.cassandra.CassandraAcsStore;
import io.lodestar.acs.store.cassandra.CassandraSettings;
import io.lodestar.acs.store.cassandra.CassandraStoreConfig;
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

    static CassandraStoreConfig cassandraConfig(CassandraSettings c) {
        try {
            return c.toStoreConfig();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
