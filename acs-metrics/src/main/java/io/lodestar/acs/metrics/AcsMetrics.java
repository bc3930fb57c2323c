package io.lodestar.acs.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.lodestar.acs.metrics.store.TimedAcsStore;
import io.lodestar.acs.service.DomainEventListener;
import io.lodestar.acs.store.AcsStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * The metrics of one ACS process: a Prometheus registry of its own (never Micrometer's global one, so that two
 * ACSs in one JVM, as in tests, count apart), the JVM and process binders, and the meters of {@link MetricNames}
 * fed through the seams the composition root hands out:
 * <ul>
 *   <li>{@link #sessionListener()} for the CWMP endpoint (sessions, events, RPCs, faults, finished tasks);</li>
 *   <li>{@link #timed(AcsStore)} around the store the sessions use;</li>
 *   <li>{@link #taskListener()} for the service layer's domain events (tasks queued);</li>
 *   <li>{@link #bindCache} for the device cache, {@link #bindEndpoint} for the endpoint's gauges;</li>
 *   <li>{@link #connectionRequest} and {@link #sessionShed}, called by the connection requester's delivery
 *   listener and the endpoint's admission control (both wired in acs-server).</li>
 * </ul>
 * {@link #scrape(String)} renders everything for {@code GET /metrics}.
 */
public final class AcsMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;
    private final SessionMetrics sessions;
    private final TaskMetrics tasks;
    private final Map<ShedReason, Counter> shed = new EnumMap<>(ShedReason.class);
    private final Map<ConnectionRequestOutcome, Timer> connectionRequests = new EnumMap<>(ConnectionRequestOutcome.class);

    private AcsMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        new JvmMemoryMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        // how long the JIT has compiled: a node that still compiles after its start is not at its steady cost yet
        new JvmCompilationMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        sessions = new SessionMetrics(registry);
        tasks = new TaskMetrics(registry);
        // every reason and outcome at zero from the start, so that dashboards see the series before the first one
        for (ShedReason reason : ShedReason.values()) {
            shed.put(reason, Meters.counter(registry, MetricNames.SESSIONS_SHED, MetricNames.REASON, reason.tag()));
        }
        for (ConnectionRequestOutcome outcome : ConnectionRequestOutcome.values()) {
            connectionRequests.put(outcome, Meters.timer(registry, MetricNames.CONNECTION_REQUEST,
                    Meters.CONNECTION_REQUEST_BUCKETS, MetricNames.OUTCOME, outcome.tag()));
        }
    }

    /** A registry with the JVM and process binders and Lodestar's meters at zero. */
    public static AcsMetrics create() {
        return new AcsMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** The listener to add to the CWMP endpoint. */
    public SessionListener sessionListener() {
        return sessions;
    }

    /** The listener to register with the services' domain events. */
    public DomainEventListener taskListener() {
        return tasks;
    }

    /** {@code store} with every operation timed; give it to the endpoint, keep the undecorated one for the rest. */
    public AcsStore timed(AcsStore store) {
        return new TimedAcsStore(store, registry, Meters.STORE_BUCKETS);
    }

    /** Watches a Caffeine cache built with {@code recordStats()} ({@code cache.*} meters, tag {@code cache=name}). */
    public void bindCache(String name, Cache<?, ?> cache) {
        CaffeineCacheMetrics.monitor(registry, cache, name);
    }

    /**
     * The CWMP endpoint's gauges, read at each scrape: both suppliers must be cheap (a size, not a scan).
     *
     * @param openConnections    TCP connections open on the endpoint
     * @param sessionsInProgress sessions in progress on this node
     */
    public void bindEndpoint(IntSupplier openConnections, IntSupplier sessionsInProgress) {
        Objects.requireNonNull(openConnections, "openConnections");
        Objects.requireNonNull(sessionsInProgress, "sessionsInProgress");
        Gauge.builder(MetricNames.CWMP_CONNECTIONS.name(), openConnections, IntSupplier::getAsInt)
                .description(MetricNames.CWMP_CONNECTIONS.description()).strongReference(true).register(registry);
        Gauge.builder(MetricNames.SESSIONS_IN_PROGRESS.name(), sessionsInProgress, IntSupplier::getAsInt)
                .description(MetricNames.SESSIONS_IN_PROGRESS.description()).strongReference(true).register(registry);
    }

    /** A connection request ended with {@code outcome} after {@code duration} (the requester calls this). */
    public void connectionRequest(ConnectionRequestOutcome outcome, Duration duration) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
        connectionRequests.get(outcome).record(duration.isNegative() ? Duration.ZERO : duration);
    }

    /** An Inform was shed: answered 503 with Retry-After before a session opened (admission control calls this). */
    public void sessionShed(ShedReason reason) {
        shed.get(Objects.requireNonNull(reason, "reason")).increment();
    }

    /**
     * The counter of phone profile resyncs refused (answered 404) for one reason; the profile service's wiring
     * registers each of its reasons at start, so that every series exists at zero.
     */
    public io.micrometer.core.instrument.Counter profileRefusals(String reason) {
        return io.micrometer.core.instrument.Counter.builder(MetricNames.PROFILE_REFUSALS.name())
                .description(MetricNames.PROFILE_REFUSALS.description())
                .tag(MetricNames.REASON, Objects.requireNonNull(reason, "reason")).register(registry);
    }

    /** Everything now, in the format an HTTP Accept header asks for (OpenMetrics, or Prometheus text by default). */
    public Scrape scrape(String accept) {
        String format = Scrape.formatFor(accept);
        return new Scrape(format, registry.scrape(format));
    }

    /** The registry, for binders of its own the composition root may add and for tests. */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
