package io.lodestar.acs.server;

import io.lodestar.acs.api.ApiServer;
import io.lodestar.acs.api.TaskCompletionNotifier;
import io.lodestar.acs.cwmp.event.SessionEvent;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.lodestar.acs.cwmp.http.CwmpServer;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * One running ACS: the store, the CWMP endpoint and the operators' REST API wired from an {@link AcsConfig}.
 * Closing it stops the API first, then the endpoint (ending sessions in progress and storing what they learned),
 * then the store.
 */
public final class LodestarServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LodestarServer.class);

    private final AcsStore store;
    private final CwmpServer cwmp;
    private final ApiServer api;

    private LodestarServer(AcsStore store, CwmpServer cwmp, ApiServer api) {
        this.store = store;
        this.cwmp = cwmp;
        this.api = api;
    }

    /** Opens the store and starts the endpoint and the API; on failure nothing is left open. */
    public static LodestarServer start(AcsConfig config) throws InterruptedException {
        return start(config, null);
    }

    /**
     * As {@link #start(AcsConfig)}, with the token store to use when the store engine keeps no tokens itself
     * (every engine does; tests may give one of their own). Null: the store's own.
     */
    public static LodestarServer start(AcsConfig config, TokenStore tokensIfStoreHasNone) throws InterruptedException {
        AcsStore store = Stores.open(config);
        ApiServer started = null;
        try {
            // the API's ?wait= hears of finished tasks from the sessions, once they are durably stored
            TaskCompletionNotifier completions = new TaskCompletionNotifier();
            CwmpServer.Builder builder = CwmpServer.builder()
                    .settings(config.cwmp())
                    .store(store)
                    .policy(config.session());
            config.server().nodeId().ifPresent(builder::nodeId);
            builder.addListener(new SessionListener() {
                @Override
                public void taskFinished(SessionEvent.TaskFinished event) {
                    completions.finished(event.taskId());
                }
            });
            // the API first: once the CWMP port answers, the whole ACS is up (scripts and tests wait for that port)
            ApiServer api = startApi(config, store, completions, tokensIfStoreHasNone);
            started = api;
            CwmpServer cwmp = builder.build().start();
            LOG.info("Lodestar ACS started: CWMP on port {}, API on {}, {}", cwmp.port(),
                    api == null ? "none" : api.port(), config.server().isCassandra()
                    ? "Cassandra store " + config.cassandra().keyspace() + " at " + config.cassandra().contactPoints()
                    : "embedded store in " + config.embedded().path().toAbsolutePath().normalize());
            return new LodestarServer(store, cwmp, api);
        } catch (RuntimeException | InterruptedException e) {
            if (started != null) {
                started.close();
            }
            store.close();
            throw e;
        }
    }

    private static ApiServer startApi(AcsConfig config, AcsStore store, TaskCompletionNotifier completions,
                                      TokenStore fallback) {
        TokenStore tokens = fallback != null ? fallback
                : store instanceof TokenStore own ? own : null;
        if (tokens == null) {
            throw new IllegalStateException("the store engine keeps no API tokens");
        }
        return ApiServer.builder()
                .settings(config.api())
                .services(Services.over(store, Clock.systemUTC()))
                .tokenStore(tokens)
                .completions(completions)
                .dataDir(config.dataDirectory())
                .version(version())
                .start();
    }

    private static String version() {
        String v = LodestarServer.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    public int cwmpPort() {
        return cwmp.port();
    }

    /** The API's port, or -1 when it is not running. */
    public int apiPort() {
        return api == null ? -1 : api.port();
    }

    public AcsStore store() {
        return store;
    }

    public CwmpServer cwmp() {
        return cwmp;
    }

    /**
     * The stop of a SIGTERM: the CWMP endpoint refuses new sessions (503 with Retry-After) and lets those in flight
     * finish and be stored, at most {@code cwmp.shutdown-grace}; then everything closes as in {@link #close()}.
     */
    public void stopGracefully() {
        try {
            cwmp.stopGracefully();
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        try {
            if (api != null) {
                api.close();
            }
        } finally {
            try {
                cwmp.close();
            } finally {
                store.close();
            }
        }
    }
}
