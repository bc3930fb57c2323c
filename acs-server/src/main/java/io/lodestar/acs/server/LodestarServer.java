package io.lodestar.acs.server;

import io.lodestar.acs.cwmp.http.CwmpServer;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.store.AcsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running ACS: the store and the CWMP endpoint wired from an {@link AcsConfig}. Closing it stops
 * the endpoint first (ending sessions in progress and storing what they learned), then the store.
 */
public final class LodestarServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LodestarServer.class);

    private final AcsStore store;
    private final CwmpServer cwmp;

    private LodestarServer(AcsStore store, CwmpServer cwmp) {
        this.store = store;
        this.cwmp = cwmp;
    }

    /** Opens the store and starts the endpoint; on failure nothing is left open. */
    public static LodestarServer start(AcsConfig config) throws InterruptedException {
        AcsStore store = Stores.open(config);
        try {
            CwmpServer.Builder builder = CwmpServer.builder()
                    .settings(config.cwmp())
                    .store(store)
                    .policy(config.session());
            config.server().nodeId().ifPresent(builder::nodeId);
            CwmpServer cwmp = builder.build().start();
            LOG.info("Lodestar ACS started: CWMP on port {}, {}", cwmp.port(), config.server().isCassandra()
                    ? "Cassandra store " + config.cassandra().keyspace() + " at " + config.cassandra().contactPoints()
                    : "embedded store in " + config.embedded().path().toAbsolutePath().normalize());
            return new LodestarServer(store, cwmp);
        } catch (RuntimeException | InterruptedException e) {
            store.close();
            throw e;
        }
    }

    public int cwmpPort() {
        return cwmp.port();
    }

    public AcsStore store() {
        return store;
    }

    public CwmpServer cwmp() {
        return cwmp;
    }

    @Override
    public void close() {
        try {
            cwmp.close();
        } finally {
            store.close();
        }
    }
}
