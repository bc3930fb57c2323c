package io.lodestar.acs.server;

import io.lodestar.acs.api.ApiServer;
import io.lodestar.acs.api.ConnectionRequests;
import io.lodestar.acs.cwmp.auth.ClientCertificateAuthenticator;
import io.lodestar.acs.cwmp.http.TlsSettings;
import io.lodestar.acs.api.StoredFileLinks;
import io.lodestar.acs.api.TaskCompletionNotifier;
import io.lodestar.acs.cwmp.event.SessionEvent;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.lodestar.acs.cwmp.http.CwmpServer;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.profiles.ProfileWiring;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.service.files.TaskFileReferences;
import io.lodestar.acs.service.files.FileUrls;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.FileStore;
import io.lodestar.acs.store.TokenStore;
import io.lodestar.acs.store.CpeCredentialStore;
import io.lodestar.acs.cwmp.auth.StoredCredentialsAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * One running ACS: the store, the CWMP endpoint, the operators' REST API and the file server wired from an
 * {@link AcsConfig}. Closing it stops the API first, then the file server, then the endpoint (ending sessions in
 * progress and storing what they learned), then the store.
 */
public final class LodestarServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LodestarServer.class);

    private final AcsStore store;
    private final CwmpServer cwmp;
    private final ApiServer api;
    private final MetricsWiring metrics;
    private final FileServing files;
    private final ConnectionRequestWiring connectionRequests;

    private LodestarServer(AcsStore store, CwmpServer cwmp, ApiServer api, MetricsWiring metrics, FileServing files,
                           ConnectionRequestWiring connectionRequests) {
        this.store = store;
        this.cwmp = cwmp;
        this.api = api;
        this.metrics = metrics;
        this.files = files;
        this.connectionRequests = connectionRequests;
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
        // metrics (docs/metrics.md): the sessions' store timed, the listeners, GET /metrics; none with api.metrics=off
        MetricsWiring metrics = MetricsWiring.of(config.api());
        FileServing files = null;
        ConnectionRequestWiring connreq = null;
        // phone profiles (docs/profiles.md): on the file server's port, answered once start() below ran
        ProfileWiring profiles = null;
        try {
            profiles = ProfileWiring.create(store, config.profiles(), config.dataDirectory());
            FileStore fileStore = Stores.openFiles(config, store);
            files = FileServing.start(config, fileStore, Clock.systemUTC(),
                    profiles == null ? null : profiles::frontHandler);
            // the API's ?wait= hears of finished tasks from the sessions, once they are durably stored
            TaskCompletionNotifier completions = new TaskCompletionNotifier();
            CwmpServer.Builder builder = CwmpServer.builder()
                    .settings(config.cwmp())
                    .store(metrics.sessionsStore(store))
                    .policy(config.session().withQuirks(QuirksFiles.load(config.dataDirectory())));
            metrics.wireEndpoint(builder, store);
            config.server().nodeId().ifPresent(builder::nodeId);
            Services services = Services.over(store, Clock.systemUTC());
            // connection requests: the sessions tell the requester which device answered; the API wakes through it
            connreq = ConnectionRequestWiring.wire(store, config.connreq(), config.stun(), config.dataDirectory(),
                    config.server().nodeId().orElseGet(LodestarServer::processName), services, builder,
                    metrics.metrics());
            CpeCredentialStore cpeCredentials = cpeCredentialsOf(store);
            if (config.cpeAuth().enabled()) {
                FleetCpeCredentials.ensure(cpeCredentials, config.cpeAuth().realm(), config.dataDirectory(),
                        Clock.systemUTC());
            } else {
                LOG.warn("CPE authentication is off (cwmp.auth.mode=off): any host can pose as any device");
            }
            if (profiles != null) {
                profiles.metrics(metrics.metrics()); // lodestar_profile_refusals_total by reason
                profiles.start(services, cpeCredentials, config.cpeAuth(), config.files().tls(), Clock.systemUTC());
            }
            // sealed secrets in the ACS's own tasks; per-device credentials (cwmp.auth.provision-device-credentials)
            DeviceCredentialWiring.wire(config, cpeCredentials, services, builder);
            // periodic.spread=on: a PeriodicInformTime of its own per device after 0 BOOTSTRAP (docs/periodic-spread.md)
            PeriodicInformWiring.wire(config.periodic(), services, builder);
            // client certificates (cwmp.tls.client-auth) first, then passwords (docs/cpe-authentication.md)
            TlsSettings tls = config.cwmp().tls();
            builder.authenticator(ClientCertificateAuthenticator.around(
                            StoredCredentialsAuthenticator.of(cpeCredentials, config.cpeAuth(), Clock.systemUTC()),
                            config.cpeAuth().certificateIdentity(),
                            tls.mode() != TlsSettings.Mode.OFF && tls.clientAuth() != TlsSettings.ClientAuth.NONE,
                            tls.clientCertificateRequired()))
                    .stalledSessionTakeover(config.cpeAuth().stalledSessionTakeover());
            builder.addListener(new SessionListener() {
                @Override
                public void taskFinished(SessionEvent.TaskFinished event) {
                    completions.finished(event.taskId());
                }
            });
            // the API first: once the CWMP port answers, the whole ACS is up (scripts and tests wait for that port)
            ApiServer api = startApi(config, store, services, completions, tokensIfStoreHasNone, metrics, fileStore,
                    links(fileStore, files.urls()), connreq == null ? ConnectionRequests.NONE : connreq.forApi(),
                    profiles, files.urls());
            started = api;
            CwmpServer cwmp = builder.build().start();
            metrics.endpointStarted(cwmp);
            LOG.info("Lodestar ACS started: CWMP on port {}, API on {}, {}", cwmp.port(),
                    api == null ? "none" : api.port(), config.server().isCassandra()
                    ? "Cassandra store " + config.cassandra().keyspace() + " at " + config.cassandra().contactPoints()
                    : "embedded store in " + config.embedded().path().toAbsolutePath().normalize());
            LOG.info("File server on port {}, its URLs at {}", files.server().port(), files.urls().publicUrl());
            return new LodestarServer(store, cwmp, api, metrics, files, connreq);
        } catch (RuntimeException | InterruptedException e) {
            if (started != null) {
                started.close();
            }
            if (files != null) {
                files.close();
            }
            if (connreq != null) {
                connreq.close();
            }
            if (profiles != null) {
                profiles.close();
            }
            store.close();
            metrics.close();
            throw e;
        }
    }

    private static ApiServer startApi(AcsConfig config, AcsStore store, Services services,
                                      TaskCompletionNotifier completions, TokenStore fallback, MetricsWiring metrics,
                                      FileStore files, StoredFileLinks fileLinks,
                                      ConnectionRequests connectionRequests, ProfileWiring profiles,
                                      FileUrls fileUrls) {
        TokenStore tokens = fallback != null ? fallback
                : store instanceof TokenStore own ? own : null;
        if (tokens == null) {
            throw new IllegalStateException("the store engine keeps no API tokens");
        }
        metrics.wireServices(services);
        ApiServer.Builder api = ApiServer.builder()
                .settings(config.api())
                .services(services)
                .connectionRequests(connectionRequests)
                .tokenStore(tokens)
                .cpeCredentials(cpeCredentialsOf(store), config.cpeAuth().realm())
                .completions(completions)
                .files(files, new TaskFileReferences(files, store, store), config.files().maxUploadBytes())
                .fileLinks(fileLinks)
                .dataDir(config.dataDirectory())
                .version(version());
        if (profiles != null) {
            api.profiles(profiles.stored(), ProfileWiring.links(fileUrls));
        }
        metrics.wireApi(api);
        return api.start();
    }

    /** An operator's stored file as a Download hands it to one device: its signed URL on the file server. */
    private static StoredFileLinks links(FileStore files, FileUrls urls) {
        return FileServing.links(files, urls);
    }

    /** Names this node in connection request records when cluster.node-id is not set. */
    private static String processName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "acs";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private static CpeCredentialStore cpeCredentialsOf(AcsStore store) {
        if (store instanceof CpeCredentialStore credentials) {
            return credentials;
        }
        throw new IllegalStateException("the store engine keeps no CPE credentials");
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

    /** The file server's port. */
    public int filesPort() {
        return files.server().port();
    }

    /** The signed per-device URLs of the file server (what a Download task hands a CPE). */
    public FileUrls fileUrls() {
        return files.urls();
    }

    public AcsStore store() {
        return store;
    }

    public CwmpServer cwmp() {
        return cwmp;
    }

    /** The built-in STUN server's UDP port, or -1 when it does not run ({@code stun.enabled=false}). */
    public int stunPort() {
        return connectionRequests == null ? -1 : connectionRequests.stunPort();
    }

    /** The connection requester, or null when the store engine keeps no connection request data. */
    public io.lodestar.acs.cwmp.connreq.ConnectionRequester connectionRequester() {
        return connectionRequests == null ? null : connectionRequests.requester();
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
                try {
                    files.close();
                } finally {
                    cwmp.close();
                }
            } finally {
                try {
                    if (connectionRequests != null) {
                        connectionRequests.close();
                    }
                } finally {
                    try {
                        store.close();
                    } finally {
                        metrics.close();
                    }
                }
            }
        }
    }
}
