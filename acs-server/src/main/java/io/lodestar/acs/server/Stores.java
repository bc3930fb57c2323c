package io.lodestar.acs.server;

import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.cache.CachingAcsStore;
import io.lodestar.acs.store.embedded.RocksAcsStore;

/** Opens the configured store: the embedded RocksDB store behind a Caffeine read cache. */
final class Stores {

    private Stores() {}

    static AcsStore open(AcsConfig.StoreConfig config) {
        AcsStore rocks = config.sync() ? RocksAcsStore.open(config.path())
                : RocksAcsStore.open(config.path(), RocksAcsStore.Option.NO_SYNC);
        return config.cacheMaxParameters() > 0 ? new CachingAcsStore(rocks, config.cacheMaxParameters()) : rocks;
    }
}
