package io.lodestar.acs.server;

import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.server.config.ConfigException;
import io.lodestar.acs.store.cache.CachingAcsStore;
import io.lodestar.acs.store.cassandra.CassandraAcsStore;
import io.lodestar.acs.store.cassandra.CassandraStoreConfig;
import io.lodestar.acs.store.embedded.RocksAcsStore;

/** Opens the configured store: the embedded RocksDB store behind a Caffeine read cache, or Cassandra. */
final class Stores {

    private Stores() {}

    static AcsStore open(AcsConfig.StoreConfig config) {
        if (config.isCassandra()) {
            // no read cache: another ACS node may change a device between two of this node's sessions
            return CassandraAcsStore.open(cassandraConfig(config.cassandra()), config.indexed());
        }
        AcsStore rocks = config.sync() ? RocksAcsStore.open(config.path(), config.indexed())
                : RocksAcsStore.open(config.path(), config.indexed(), RocksAcsStore.Option.NO_SYNC);
        return config.cacheMaxParameters() > 0 ? new CachingAcsStore(rocks, config.cacheMaxParameters()) : rocks;
    }

    static CassandraStoreConfig cassandraConfig(AcsConfig.CassandraSettings c) {
        try {
            return new CassandraStoreConfig(c.contactPoints(), c.localDatacenter(), c.keyspace(),
                    CassandraStoreConfig.parseReplication(c.replication()), c.consistency(), c.serialConsistency(),
                    c.requestTimeout()).withIndexVerifyInterval(c.indexVerifyInterval());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
