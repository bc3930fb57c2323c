package io.lodestar.acs.server.profiles;

import io.lodestar.acs.api.ProfileLinks;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.cwmp.auth.CpeAuthSettings;
import io.lodestar.acs.profiles.crypto.SecretBox;
import io.lodestar.acs.profiles.device.ProfileDevice;
import io.lodestar.acs.profiles.service.ProfileAuthenticator;
import io.lodestar.acs.profiles.service.ProfileDeviceRegistrar;
import io.lodestar.acs.profiles.service.ProfileListener;
import io.lodestar.acs.profiles.service.ProfileService;
import io.lodestar.acs.profiles.service.ProfileSettings;
import io.lodestar.acs.profiles.stored.StoredProfileDevices;
import io.lodestar.acs.profiles.stored.StoredProfiles;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.service.files.FileUrls;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.CpeCredentialStore;
import io.lodestar.acs.store.ProfileStore;
import io.netty.channel.ChannelHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Phone profiles wired into one ACS (docs/profiles.md): the stored templates, values, keys (sealed under the
 * master key in {@code <store.path>/profile.key}) and status reports on the store engine's {@link ProfileStore}; the
 * resync service mounted on the file server's port; the API's routes and Download tasks' profile URLs. Phones are
 * registered on their first resync when {@code profiles.auto-register} is on (through the service layer, as an
 * operator's registration), and asked for credentials (Digest, or Basic as {@code cwmp.auth.basic} allows) when CPE
 * authentication is on and the phone's device or the fleet has CPE credentials.
 */
public final class ProfileWiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileWiring.class);
    /** Requests waiting for a worker at most; more get 503 with Retry-After. */
    private static final int QUEUE = 256;

    private final StoredProfiles stored;
    private final AcsStore store;
    private final ProfileSettings settings;
    private final ThreadPoolExecutor workers;
    private volatile ProfileService service;
    private volatile Services services;
    private volatile io.lodestar.acs.metrics.AcsMetrics metrics;

    private ProfileWiring(StoredProfiles stored, AcsStore store, ProfileSettings settings, ThreadPoolExecutor workers) {
        this.stored = stored;
        this.store = store;
        this.settings = settings;
        this.workers = workers;
    }

    /** Null when the store engine keeps no profile data (a test's store of its own). */
    public static ProfileWiring create(AcsStore store, ProfileSettings settings, Path dataDirectory) {
        if (!(store instanceof ProfileStore profileStore)) {
            return null;
        }
        SecretBox box = new SecretBox(settings.keyFile() != null ? MasterKeyFile.readGiven(settings.keyFile())
                : MasterKeyFile.read(dataDirectory.resolve(MasterKeyFile.NAME)));
        int threads = Math.max(2, Math.min(settings.maxConcurrentBuilds(), Runtime.getRuntime().availableProcessors() * 2));
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "profiles-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
        return new ProfileWiring(new StoredProfiles(profileStore, store, box), store, settings, workers);
    }

    /**
     * Refusals counted as {@code lodestar.profile.refusals} (Prometheus: {@code lodestar_profile_refusals_total}) by
     * {@code reason}, on the ACS's registry; null (api.metrics=off): not counted. Before {@link #start}.
     */
    public void metrics(io.lodestar.acs.metrics.AcsMetrics metrics) {
        this.metrics = metrics;
    }

    /** Starts answering phones: credentials checked as {@code cpeAuth} says, registration through {@code services}. */
    public void start(Services services, CpeCredentialStore credentials, CpeAuthSettings cpeAuth, boolean filesOverTls,
                      Clock clock) {
        this.services = services;
        ProfileAuthenticator authenticator = cpeAuth.enabled()
                ? new PhoneAuthenticator(credentials, stored.devices(), cpeAuth, filesOverTls, clock,
                        id -> store.findDevice(id).map(d -> d.identity().deviceIdStruct())
                                .filter(java.util.Objects::nonNull))
                : ProfileAuthenticator.NONE;
        ProfileDeviceRegistrar registrar = settings.autoRegister() ? this::register : ProfileDeviceRegistrar.REFUSE;
        service = stored.service(registrar, authenticator, new RefusalListener(stored, metrics, clock),
                settings.serviceOptions(), clock);
    }

    private Optional<ProfileDevice> register(io.lodestar.acs.profiles.identify.Identified phone) {
        DeviceId id = StoredProfileDevices.idOf(phone.key());
        services.devices().register(id);
        LOG.info("registered phone {} on its first profile resync (profiles.auto-register)",
                ProfileHttpHandler.escape(id.value()));
        return stored.devices().byId(id);
    }

    /** The file server's front handler, one per connection; phones get 503 until {@link #start} ran. */
    public Supplier<ChannelHandler> frontHandler(FileUrls urls) {
        return () -> new ProfileHttpHandler(() -> service, stored, urls, workers, settings.maxStatusBytes());
    }

    public StoredProfiles stored() {
        return stored;
    }

    /** Download tasks' URLs: the file server's signed per-device URL of {@code /files/profiles/<template>}. */
    public static ProfileLinks links(FileUrls urls) {
        return (template, device) -> urls.forDevice(ProfileHttpHandler.DOWNLOAD_FILE_ID + template, device).toString();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /**
     * Refused profiles reach operators: the handler logs each (every reason); the latest refusal of each of a known
     * device's profiles is kept for the API ({@link io.lodestar.acs.profiles.stored.StoredProfileProblems}) and
     * removed when the profile is next served; every refusal is counted by reason.
     */
    static final class RefusalListener implements ProfileListener {
        private final StoredProfiles stored;
        private final io.lodestar.acs.metrics.AcsMetrics metrics;
        private final Clock clock;

        RefusalListener(StoredProfiles stored, io.lodestar.acs.metrics.AcsMetrics metrics, Clock clock) {
            this.stored = stored;
            this.metrics = metrics;
            this.clock = clock;
            if (metrics != null) {
                for (io.lodestar.acs.profiles.service.RefusalReason reason
                        : io.lodestar.acs.profiles.service.RefusalReason.values()) {
                    counter(reason); // every series from the start, at 0
                }
            }
        }

        private io.micrometer.core.instrument.Counter counter(io.lodestar.acs.profiles.service.RefusalReason reason) {
            return metrics.profileRefusals(reason.tag());
        }

        @Override
        public void served(DeviceId device, String template, int bytes) {
            try {
                stored.problems().clear(device, template);
            } catch (RuntimeException e) {
                LOG.debug("profile problem of {} not cleared: {}", ProfileHttpHandler.escape(device.value()),
                        e.toString());
            }
        }

        @Override
        public void notServed(DeviceId device, String template,
                              io.lodestar.acs.profiles.service.RefusalReason reason, String message) {
            if (metrics != null) {
                counter(reason).increment();
            }
            if (device == null || template == null) {
                return;
            }
            try {
                stored.problems().record(device, template, reason, message, clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("profile problem of {} not recorded: {}", ProfileHttpHandler.escape(device.value()),
                        e.toString());
            }
        }
    }
}
