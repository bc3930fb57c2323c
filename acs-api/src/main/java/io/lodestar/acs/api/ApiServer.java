package io.lodestar.acs.api;

import io.lodestar.acs.api.auth.AdminTokenFile;
import io.lodestar.acs.api.auth.AuthFilter;
import io.lodestar.acs.api.auth.RateLimitFilter;
import io.lodestar.acs.api.auth.Tokens;
import io.lodestar.acs.api.json.TaskViews;
import io.lodestar.acs.api.problem.ExceptionMappers;
import io.lodestar.acs.api.resources.ConnectionRequestCredentialsResource;
import io.lodestar.acs.api.resources.DeviceUploadsResource;
import io.lodestar.acs.api.resources.DevicesResource;
import io.lodestar.acs.api.resources.FilesResource;
import io.lodestar.acs.api.resources.WakeResource;
import io.lodestar.acs.api.resources.FaultsResource;
import io.lodestar.acs.api.resources.HealthResource;
import io.lodestar.acs.api.resources.MetricsResource;
import io.lodestar.acs.api.resources.OpenApiResource;
import io.lodestar.acs.api.resources.TagsResource;
import io.lodestar.acs.api.resources.TasksResource;
import io.lodestar.acs.api.resources.TokensResource;
import io.lodestar.acs.api.resources.CpeCredentialsResource;
import io.lodestar.acs.api.resources.DeviceCpeCredentialsResource;
import io.lodestar.acs.api.web.BodyLimitFilter;
import io.lodestar.acs.api.web.CorsFilter;
import io.lodestar.acs.api.web.IdempotencyCache;
import io.lodestar.acs.api.web.JsonMapper;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.service.files.FileReferences;
import io.lodestar.acs.store.FileStore;
import io.lodestar.acs.store.TokenStore;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLContextConfigurator;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The operators' REST API: JAX-RS resources on Jersey, served by Grizzly on its own port. Everything it does to
 * devices and tasks goes through the service layer; tokens through {@link Tokens}.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final HttpServer http;
    private final int port;
    private final boolean tls;
    private final Path adminTokenFile;

    private ApiServer(HttpServer http, int port, boolean tls, Path adminTokenFile) {
        this.http = http;
        this.port = port;
        this.tls = tls;
        this.adminTokenFile = adminTokenFile;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What the API is built from. */
    public static final class Builder {
        private ApiSettings settings = ApiSettings.from(java.util.Map.of());
        private Services services;
        private TokenStore tokenStore;
        private io.lodestar.acs.store.CpeCredentialStore cpeCredentials;
        private String cpeRealm;
        private TaskCompletionNotifier completions = new TaskCompletionNotifier();
        private ConnectionRequests connectionRequests = ConnectionRequests.NONE;
        private Path dataDir = Path.of("data");
        private String version = "dev";
        private Clock clock = Clock.systemUTC();
        private MetricsExposition metrics;
        private FileStore files;
        private FileReferences fileReferences = FileReferences.NONE;
        private long maxFileBytes;
        private StoredFileLinks fileLinks = StoredFileLinks.NONE;
        private io.lodestar.acs.profiles.stored.StoredProfiles profiles;
        private ProfileLinks profileLinks = ProfileLinks.NONE;

        public Builder settings(ApiSettings v) {
            settings = Objects.requireNonNull(v);
            return this;
        }

        public Builder services(Services v) {
            services = Objects.requireNonNull(v);
            return this;
        }

        public Builder tokenStore(TokenStore v) {
            tokenStore = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Where operators set the credentials CPEs present ({@code /api/v1/.../cpe-credentials}), hashed for this
         * Digest realm; without it those routes are absent.
         */
        public Builder cpeCredentials(io.lodestar.acs.store.CpeCredentialStore store, String realm) {
            cpeCredentials = Objects.requireNonNull(store);
            cpeRealm = Objects.requireNonNull(realm);
            return this;
        }

        /** Where the first start writes {@code admin-token} (the store's data directory). */
        public Builder dataDir(Path v) {
            dataDir = Objects.requireNonNull(v);
            return this;
        }

        /** Told of finished tasks (by the CWMP sessions), so that {@code ?wait=} answers at once. */
        public Builder completions(TaskCompletionNotifier v) {
            completions = Objects.requireNonNull(v);
            return this;
        }

        /** Wakes devices (POST .../wake, ?connectionRequest=true); none: those calls answer 503. */
        public Builder connectionRequests(ConnectionRequests v) {
            connectionRequests = Objects.requireNonNull(v);
            return this;
        }

        public Builder version(String v) {
            version = Objects.requireNonNull(v);
            return this;
        }

        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v);
            return this;
        }

        /** What {@code GET /metrics} serves (setting {@code api.metrics}); without it there is no such route. */
        public Builder metrics(MetricsExposition v) {
            metrics = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Serves {@code /api/v1/files} and {@code /api/v1/devices/{id}/uploads} over this file store (without it,
         * those routes are absent); uploads of at most {@code maxBytes}, deletions checked against {@code references}.
         */
        public Builder files(FileStore store, FileReferences references, long maxBytes) {
            files = Objects.requireNonNull(store);
            fileReferences = Objects.requireNonNull(references);
            maxFileBytes = maxBytes;
            return this;
        }

        /** How a Download task naming a stored file ({@code fileId}) gets its per-device URL. */
        public Builder fileLinks(StoredFileLinks v) {
            fileLinks = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Serves the phone profile routes ({@code /api/v1/profile-templates}, {@code profile-values},
         * {@code profile-keys}, {@code devices/{id}/profiles}) and lets Download tasks name a {@code profile}
         * (its URL from {@code links}); without it those routes are absent.
         */
        public Builder profiles(io.lodestar.acs.profiles.stored.StoredProfiles v, ProfileLinks links) {
            profiles = Objects.requireNonNull(v);
            profileLinks = Objects.requireNonNull(links);
            return this;
        }

        /**
         * Writes the admin token on a first start, then listens.
         *
         * @throws UncheckedIOException when the port cannot be bound or the TLS files not read
         */
        public ApiServer start() {
            Objects.requireNonNull(services, "services");
            Objects.requireNonNull(tokenStore, "tokenStore");
            Tokens tokens = new Tokens(tokenStore, clock);
            Path adminFile = AdminTokenFile.ensure(tokens, dataDir);
            ResourceConfig rc = resources(tokens);
            String scheme = settings.tls() ? "https" : "http";
            URI uri = URI.create(scheme + "://" + hostLiteral(settings.bind()) + ":" + settings.port() + "/");
            HttpServer http;
            if (settings.tls()) {
                SSLContextConfigurator ssl = new SSLContextConfigurator();
                ssl.setKeyStoreBytes(Pem.keyStoreBytes(settings.tlsCertificate(), settings.tlsKey()));
                ssl.setKeyStorePass(Pem.PASSWORD);
                ssl.setKeyStoreType("PKCS12");
                http = GrizzlyHttpServerFactory.createHttpServer(uri, rc, true,
                        new SSLEngineConfigurator(ssl, false, false, false), false);
            } else {
                http = GrizzlyHttpServerFactory.createHttpServer(uri, rc, false);
            }
            // before start: the listener's filter chain is built then, add-ons included
            http.getListeners().forEach(l -> l.registerAddOn(new io.lodestar.acs.api.web.IgnoreUpgrade()));
            try {
                http.start();
            } catch (IOException e) {
                http.shutdownNow();
                throw new UncheckedIOException("cannot start the API on " + settings.bind() + ":" + settings.port()
                        + " (api.bind, api.port): " + e.getMessage(), e);
            }
            NetworkListener listener = http.getListeners().iterator().next();
            int port = listener.getPort();
            LOG.info("Operator API on {}://{}:{}/api/v1 (OpenAPI at /api/openapi.json)", scheme, settings.bind(), port);
            logMetrics(scheme, port);
            return new ApiServer(http, port, settings.tls(), adminFile);
        }

        private boolean servesMetrics() {
            return metrics != null && settings.metrics() != ApiSettings.MetricsAccess.OFF;
        }

        private void logMetrics(String scheme, int port) {
            if (!servesMetrics()) {
                return;
            }
            boolean open = settings.metrics() == ApiSettings.MetricsAccess.ON;
            LOG.info("Metrics for Prometheus on {}://{}:{}/metrics ({})", scheme, settings.bind(), port,
                    open ? "no token" : "a token with scope read");
            if (open && !isLoopback(settings.bind())) {
                LOG.warn("GET /metrics needs no token and the API listens on {}, beyond this machine: set "
                        + "api.metrics=token (a read token) unless the network is trusted", settings.bind());
            }
        }

        private static boolean isLoopback(String bind) {
            return bind.equals("localhost") || bind.startsWith("127.") || bind.equals("::1") || bind.equals("[::1]");
        }

        private ResourceConfig resources(Tokens tokens) {
            IdempotencyCache idempotency = new IdempotencyCache();
            TaskViews views = new TaskViews(services.devices());
            Set<Object> resources = new LinkedHashSet<>();
            resources.add(new HealthResource(services.devices(), version));
            resources.add(new DevicesResource(services.devices(), clock, connectionRequests));
            TasksResource taskRoutes = new TasksResource(services.devices(), services.tasks(), views, completions,
                    idempotency, connectionRequests, fileLinks);
            resources.add(taskRoutes);
            if (profiles != null) {
                taskRoutes.profileDownloads(new io.lodestar.acs.api.resources.ProfileDownloads(profiles, profileLinks));
                resources.add(new io.lodestar.acs.api.resources.ProfileTemplatesResource(profiles, clock));
                resources.add(new io.lodestar.acs.api.resources.ProfileValuesResource(profiles));
                resources.add(new io.lodestar.acs.api.resources.ProfileKeysResource(profiles));
                resources.add(new io.lodestar.acs.api.resources.DeviceProfilesResource(profiles, services.devices()));
                resources.add(new io.lodestar.acs.api.resources.ProfileRedirectsResource(profiles));
                resources.add(new io.lodestar.acs.api.resources.DeviceProfileProblemsResource(profiles,
                        services.devices()));
            }
            resources.add(new WakeResource(services.devices(), connectionRequests));
            resources.add(new ConnectionRequestCredentialsResource(services.devices(), connectionRequests));
            resources.add(new TagsResource(services.devices(), clock));
            resources.add(new FaultsResource(services.devices()));
            resources.add(new TokensResource(tokens));
            if (files != null) {
                resources.add(new FilesResource(files, fileReferences, maxFileBytes, clock));
                resources.add(new DeviceUploadsResource(services.devices(), files));
            }
            if (cpeCredentials != null) {
                CpeCredentialsResource credentialRoutes =
                        new CpeCredentialsResource(cpeCredentials, services.devices(), cpeRealm, clock);
                resources.add(credentialRoutes);
                resources.add(new DeviceCpeCredentialsResource(credentialRoutes));
            }
            Set<Class<?>> classes = new LinkedHashSet<>();
            resources.forEach(r -> classes.add(r.getClass()));
            ResourceConfig rc = new ResourceConfig();
            resources.forEach(rc::register);
            rc.register(OpenApiResource.of(classes, version));
            if (servesMetrics()) {
                rc.register(settings.metrics() == ApiSettings.MetricsAccess.TOKEN
                        ? new MetricsResource.WithToken(metrics) : new MetricsResource(metrics));
            }
            rc.register(JacksonFeature.withoutExceptionMappers());
            rc.register(new JsonMapper());
            rc.register(new BodyLimitFilter(settings.maxBodyBytes()));
            rc.register(new CorsFilter(settings.corsOrigins()));
            rc.register(new AuthFilter(tokens));
            rc.register(new RateLimitFilter(settings.rateLimit()));
            for (Object mapper : ExceptionMappers.all()) {
                rc.register(mapper);
            }
            rc.register(new AccessLog());
            // no HTML error pages, no WADL: every answer is JSON or a problem
            rc.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
            rc.property(ServerProperties.WADL_FEATURE_DISABLE, true);
            return rc;
        }
    }

    private static String hostLiteral(String bind) {
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }

    public int port() {
        return port;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:7557}. */
    public URI baseUri(String host) {
        return URI.create((tls ? "https" : "http") + "://" + host + ":" + port);
    }

    /** The admin token file written at this start, or null when the store held tokens already. */
    public Path adminTokenFile() {
        return adminTokenFile;
    }

    @Override
    public void close() {
        try {
            http.shutdown(5, TimeUnit.SECONDS).get(6, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            http.shutdownNow();
        }
    }
}
