package io.lodestar.acs.server;

import io.lodestar.acs.api.ApiServer;
import io.lodestar.acs.api.ApiSettings;
import io.lodestar.acs.api.MetricsExposition;
import io.lodestar.acs.cwmp.http.CwmpServer;
import io.lodestar.acs.metrics.AcsMetrics;
import io.lodestar.acs.metrics.MetricNames;
import io.lodestar.acs.metrics.Scrape;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.cache.CachingAcsStore;

/**
 * Wires acs-metrics into one ACS (docs/metrics.md): the sessions' store timed, the session and domain event
 * listeners, the device cache's statistics, the endpoint's gauges and {@code GET /metrics} on the API. With
 * {@code api.metrics=off} nothing is measured and every step leaves things as they are.
 *
 * <p>Admission control's 503s are wired here ({@link #wireEndpoint}: {@link AcsMetrics#sessionShed} by reason, from
 * the endpoint's shed observer, the I/O thread's early sheds included); connection requests record through
 * {@link #metrics()} ({@link AcsMetrics#connectionRequest}, wired by {@code ConnectionRequestWiring} on the
 * requester's deliveries). {@code WakeUnderStormEndToEndTest} scrapes both after a shed and a wake.
 */
final class MetricsWiring implements AutoCloseable {

    private final AcsMetrics metrics;

    private MetricsWiring(AcsMetrics metrics) {
        this.metrics = metrics;
    }

    static MetricsWiring of(ApiSettings api) {
        return new MetricsWiring(api.metrics() == ApiSettings.MetricsAccess.OFF ? null : AcsMetrics.create());
    }

    /** The metrics, or null when {@code api.metrics=off}. */
    AcsMetrics metrics() {
        return metrics;
    }

    /**
     * The store the sessions use, timed; the undecorated {@code store} stays what the rest of the ACS uses, since
     * the concerns beside {@link AcsStore} (tokens, credentials) are found on it by type.
     */
    AcsStore sessionsStore(AcsStore store) {
        return metrics == null ? store : metrics.timed(store);
    }

    /** The session listener and, when the store has one, the device cache's statistics. */
    void wireEndpoint(CwmpServer.Builder endpoint, AcsStore store) {
        if (metrics == null) {
            return;
        }
        endpoint.addListener(metrics.sessionListener());
        // admission control's 503s (docs/metrics.md: lodestar_sessions_shed_total by reason)
        endpoint.onShed(reason -> metrics.sessionShed(io.lodestar.acs.metrics.ShedReason.valueOf(reason.name())));
        if (store instanceof CachingAcsStore cached) {
            metrics.bindCache(MetricNames.DEVICE_CACHE, cached.cacheForMonitoring());
        }
    }

    /** Tasks queued through the services. */
    void wireServices(Services services) {
        if (metrics != null) {
            services.events().register(metrics.taskListener());
        }
    }

    /** {@code GET /metrics}. */
    void wireApi(ApiServer.Builder api) {
        if (metrics != null) {
            api.metrics(accept -> {
                Scrape scrape = metrics.scrape(accept);
                return new MetricsExposition.Scrape(scrape.contentType(), scrape.body());
            });
        }
    }

    /** The endpoint's gauges, once it runs. */
    void endpointStarted(CwmpServer cwmp) {
        if (metrics != null) {
            metrics.bindEndpoint(cwmp::openConnections, cwmp::sessionsInProgress);
        }
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
