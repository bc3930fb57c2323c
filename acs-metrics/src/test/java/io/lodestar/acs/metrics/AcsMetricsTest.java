package io.lodestar.acs.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.cwmp.event.SessionEvent;
import io.lodestar.acs.cwmp.event.SessionListener;
import io.lodestar.acs.service.DomainEvent;
import io.lodestar.acs.store.AcsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AcsMetricsTest {

    private static final DeviceId PHONE = new DeviceId("0CD0F8-CP-8841-3PCC-SIM000001");
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

    private final AcsMetrics metrics = AcsMetrics.create();

    @AfterEach
    void close() {
        metrics.close();
    }

    /** The series names of a scrape in Prometheus text format. */
    static Set<String> seriesOf(String scrape) {
        Set<String> names = new TreeSet<>();
        Matcher m = SERIES.matcher(scrape);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Feeds every meter once: a session with an RPC and a fault, a store call, a cache read, a GC. */
    private void exerciseEverything() {
        SessionListener sessions = metrics.sessionListener();
        sessions.sessionOpened(new SessionEvent.Opened(PHONE, "s1", T0, List.of(new EventStruct("2 PERIODIC", "")),
                "192.0.2.1", CwmpVersion.V1_0, "CP-8841-3PCC"));
        sessions.rpcSent(new SessionEvent.RpcSent(PHONE, "s1", T0, "SetParameterValues"));
        sessions.rpcAnswered(new SessionEvent.RpcAnswered(PHONE, "s1", T0.plusMillis(20), "SetParameterValues", 9007));
        Task task = Task.queue(PHONE, new TaskAction.Reboot("k"), T0, Duration.ofDays(1));
        sessions.taskFinished(new SessionEvent.TaskFinished(PHONE, "s1", T0, task.expired(T0)));
        sessions.sessionEnded(new SessionEvent.Ended(PHONE, "s1", T0.plusMillis(30), SessionEvent.Outcome.OK, null, 1,
                Duration.ofMillis(30)));
        metrics.taskListener().on(new DomainEvent.TaskQueued(task, T0));
        AcsStore store = metrics.timed((AcsStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{AcsStore.class}, (p, m, a) -> Optional.empty()));
        store.loadSnapshot(PHONE);
        Cache<String, String> cache = Caffeine.newBuilder().maximumSize(10).recordStats().build();
        metrics.bindCache(MetricNames.DEVICE_CACHE, cache);
        cache.getIfPresent("nobody");
        metrics.bindEndpoint(() -> 3, () -> 2);
        metrics.connectionRequest(ConnectionRequestOutcome.ACCEPTED, Duration.ofMillis(120));
        metrics.sessionShed(ShedReason.TOO_MANY_SESSIONS);
        metrics.profileRefusals("incomplete").increment();
        System.gc();
    }

    @Test
    void everySeriesTheNamesClassListsIsInTheScrape() {
        exerciseEverything();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(seriesOf(metrics.scrape(null).body()))
                .containsAll(MetricNames.prometheusSeries()));
    }

    @Test
    void theScrapeIsPrometheusTextUnlessOpenMetricsIsAsked() {
        exerciseEverything();

        Scrape text = metrics.scrape("*/*");
        assertThat(text.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(text.body()).contains("lodestar_sessions_total{outcome=\"ok\"} 1.0")
                .contains("# TYPE lodestar_session_duration_seconds histogram");
        Scrape open = metrics.scrape("application/openmetrics-text; version=1.0.0,text/plain;q=0.5");
        assertThat(open.contentType()).startsWith("application/openmetrics-text");
        assertThat(open.body()).contains("lodestar_sessions_total{outcome=\"ok\"} 1.0").endsWith("# EOF\n");
    }

    @Test
    void connectionRequestsAndShedSessionsAreRecordedByOutcomeAndReason() {
        metrics.connectionRequest(ConnectionRequestOutcome.TIMED_OUT, Duration.ofSeconds(5));
        metrics.sessionShed(ShedReason.STOPPING);
        metrics.sessionShed(ShedReason.STOPPING);

        String body = metrics.scrape(null).body();
        assertThat(body).contains("lodestar_connection_request_duration_seconds_count{outcome=\"timed_out\"} 1")
                .contains("lodestar_connection_request_duration_seconds_count{outcome=\"accepted\"} 0")
                .contains("lodestar_sessions_shed_total{reason=\"stopping\"} 2.0")
                .contains("lodestar_sessions_shed_total{reason=\"memory\"} 0.0");
    }
}
