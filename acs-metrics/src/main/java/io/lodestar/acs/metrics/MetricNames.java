package io.lodestar.acs.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every metric Lodestar exposes, with its tags: the one list that docs/metrics.md, the Grafana dashboard
 * ({@code deploy/grafana/lodestar.json}, checked by a test against {@link #prometheusSeries()}) and the code that
 * registers the meters agree on. Names are Micrometer's (dotted); {@link Meter#prometheusSeries()} gives the
 * series a Prometheus scrape shows for each (Micrometer's Prometheus naming: dots to underscores, the base unit
 * appended, {@code _total} for counters, {@code _bucket/_count/_sum/_max} for timers).
 *
 * <p>Tag values are bounded: those that come from CPEs (event codes, fault codes, product classes) keep the
 * first values seen up to a limit and fold the rest into {@link #OTHER}, so that a misbehaving CPE cannot grow
 * the number of series without bound.
 */
public final class MetricNames {

    private MetricNames() {}

    // ---- tags -----------------------------------------------------------------------------------------------

    /** How a session, an RPC, a store operation or a connection request ended. */
    public static final String OUTCOME = "outcome";
    /** An Inform event code, e.g. {@code 2 PERIODIC}. */
    public static final String EVENT = "event";
    /** A CWMP method name, e.g. {@code GetParameterValues}. */
    public static final String METHOD = "method";
    /** A CWMP fault code, e.g. {@code 9005}. */
    public static final String FAULT_CODE = "code";
    /** The CPE's ProductClass from its Inform ({@code ""} when it sent none). */
    public static final String PRODUCT_CLASS = "product_class";
    /** A store operation: the {@code AcsStore} method, e.g. {@code loadSnapshot}, {@code commit}. */
    public static final String OPERATION = "operation";
    /** Why a session was shed (answered 503 with Retry-After before it opened). */
    public static final String REASON = "reason";
    /** A task's final status, e.g. {@code done}. */
    public static final String STATUS = "status";
    /** Micrometer's cache binder names the cache in this tag. */
    public static final String CACHE = "cache";

    /** The tag value that stands for every value beyond a tag's bound. */
    public static final String OTHER = "other";

    /** The name of the device cache in the cache metrics ({@code cache="devices"}). */
    public static final String DEVICE_CACHE = "devices";

    // ---- Lodestar's meters ----------------------------------------------------------------------------------

    public static final Meter SESSIONS = counter("lodestar.sessions",
            "Informs handled, by how their session ended: ok, abandoned, refused (turned away without a session: "
                    + "not authenticated, not registered, already in session), store_unavailable", OUTCOME);
    public static final Meter SESSION_EVENTS = counter("lodestar.session.events",
            "Events the Informs of opened sessions carried, one count per event code", EVENT);
    public static final Meter SESSION_DURATION = timer("lodestar.session.duration",
            "Duration of opened sessions, from the Inform to the end, by outcome (histogram)", OUTCOME);
    public static final Meter SESSIONS_IN_PROGRESS = gauge("lodestar.sessions.in.progress", null,
            "CWMP sessions in progress on this node");
    public static final Meter SESSIONS_SHED = counter("lodestar.sessions.shed",
            "Informs answered 503 with Retry-After by admission control before a session opened, by reason", REASON);
    public static final Meter RPCS_SENT = counter("lodestar.rpcs.sent",
            "Requests the ACS sent to CPEs (tasks' RPCs and data-model walks), by method", METHOD);
    public static final Meter RPC_DURATION = timer("lodestar.rpc.duration",
            "Round trip of an ACS request as the ACS sees it, from sending it to the CPE's answer being processed, "
                    + "by method and outcome (response, fault) (histogram)", METHOD, OUTCOME);
    public static final Meter CPE_FAULTS = counter("lodestar.cpe.faults",
            "CWMP faults CPEs answered ACS requests with, by method, fault code and product class",
            METHOD, FAULT_CODE, PRODUCT_CLASS);
    public static final Meter TASKS_QUEUED = counter("lodestar.tasks.queued",
            "Tasks queued (or retried) by operators through the service layer on this node");
    public static final Meter TASKS_FINISHED = counter("lodestar.tasks.finished",
            "Tasks that reached a final status in sessions on this node, by status (done, failed, expired)", STATUS);
    public static final Meter STORE_OPERATION = timer("lodestar.store.operation.duration",
            "Latency of the sessions' store operations, by operation and outcome (ok, unavailable, error) (histogram)",
            OPERATION, OUTCOME);
    public static final Meter CONNECTION_REQUEST = timer("lodestar.connection.request.duration",
            "Connection requests sent to CPEs, by outcome (accepted, auth_rejected, unreachable, timed_out, refused), "
                    + "and how long each took (histogram; its _count is the number of requests)", OUTCOME);
    public static final Meter CWMP_CONNECTIONS = gauge("lodestar.cwmp.connections", null,
            "TCP connections open on the CWMP endpoint");
    public static final Meter PROFILE_REFUSALS = counter("lodestar.profile.refusals",
            "Phone profile resyncs answered 404, by reason (incomplete, unknown_device, no_profile, unidentified, "
                    + "other_model, bad_redirect)", REASON);

    // ---- Micrometer's binders (names theirs, listed so that the dashboard and the docs can rely on them) -------

    public static final Meter CACHE_GETS = counter("cache.gets",
            "Device cache lookups, by result (hit, miss); tag cache=devices (Caffeine's statistics)", CACHE, "result");
    public static final Meter CACHE_SIZE = gauge("cache.size", null, "Devices in the device cache (approximate)", CACHE);
    public static final Meter CACHE_EVICTIONS = counter("cache.evictions", "Device cache evictions", CACHE);
    public static final Meter JVM_MEMORY_USED = gauge("jvm.memory.used", "bytes",
            "JVM memory used, by area (heap, nonheap) and pool (id)", "area", "id");
    public static final Meter JVM_MEMORY_COMMITTED = gauge("jvm.memory.committed", "bytes",
            "JVM memory committed, by area and pool", "area", "id");
    public static final Meter JVM_MEMORY_MAX = gauge("jvm.memory.max", "bytes",
            "JVM memory maximum, by area and pool", "area", "id");
    public static final Meter JVM_GC_PAUSE = new Meter("jvm.gc.pause", Type.TIMER_SUMMARY, "seconds",
            "GC pauses, by action and cause", List.of("action", "cause"));
    public static final Meter JVM_GC_ALLOCATED = new Meter("jvm.gc.memory.allocated", Type.COUNTER, "bytes",
            "Bytes allocated in the young generation", List.of());
    public static final Meter JVM_THREADS_LIVE = gauge("jvm.threads.live", "threads", "Live JVM threads");
    public static final Meter JVM_THREADS_STATES = gauge("jvm.threads.states", "threads",
            "JVM threads by state", "state");
    public static final Meter JVM_CLASSES_LOADED = gauge("jvm.classes.loaded", "classes",
            "Classes loaded in the JVM now");
    public static final Meter PROCESS_CPU_USAGE = gauge("process.cpu.usage", null,
            "CPU used by the ACS process (0..1 of all cores)");
    public static final Meter SYSTEM_CPU_USAGE = gauge("system.cpu.usage", null, "CPU used by the whole machine (0..1)");
    public static final Meter SYSTEM_CPU_COUNT = gauge("system.cpu.count", null, "Processors available to the JVM");
    public static final Meter PROCESS_UPTIME = gauge("process.uptime", "seconds", "Time since the JVM started");

    /** Every meter above, Lodestar's first. */
    public static final List<Meter> ALL = List.of(SESSIONS, SESSION_EVENTS, SESSION_DURATION, SESSIONS_IN_PROGRESS,
            SESSIONS_SHED, RPCS_SENT, RPC_DURATION, CPE_FAULTS, TASKS_QUEUED, TASKS_FINISHED, STORE_OPERATION,
            CONNECTION_REQUEST, CWMP_CONNECTIONS, PROFILE_REFUSALS, CACHE_GETS, CACHE_SIZE, CACHE_EVICTIONS, JVM_MEMORY_USED,
            JVM_MEMORY_COMMITTED, JVM_MEMORY_MAX, JVM_GC_PAUSE, JVM_GC_ALLOCATED, JVM_THREADS_LIVE, JVM_THREADS_STATES,
            JVM_CLASSES_LOADED, PROCESS_CPU_USAGE, SYSTEM_CPU_USAGE, SYSTEM_CPU_COUNT, PROCESS_UPTIME);

    /** Every series name a Prometheus scrape may show for the meters of {@link #ALL}. */
    public static Set<String> prometheusSeries() {
        Set<String> names = new TreeSet<>();
        ALL.forEach(m -> names.addAll(m.prometheusSeries()));
        return names;
    }

    /** What kind of meter, which decides the series Prometheus sees. */
    public enum Type {
        COUNTER,
        GAUGE,
        /** A timer with a histogram: {@code _bucket}, {@code _count}, {@code _sum}, {@code _max}. */
        TIMER,
        /** A timer without buckets (Micrometer's binders): {@code _count}, {@code _sum}, {@code _max}. */
        TIMER_SUMMARY
    }

    /**
     * One meter.
     *
     * @param name        Micrometer's name, e.g. {@code lodestar.sessions}
     * @param baseUnit    the unit Prometheus appends ({@code seconds} for timers), or null
     * @param description what it counts, for the scrape's HELP and the docs
     * @param tags        its tag keys
     */
    public record Meter(String name, Type type, String baseUnit, String description, List<String> tags) {
        public Meter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            tags = List.copyOf(tags);
        }

        /** The base name Prometheus shows, e.g. {@code lodestar_session_duration_seconds}. */
        public String prometheusName() {
            String base = name.replace('.', '_');
            if (baseUnit != null && !base.endsWith("_" + baseUnit)) {
                base = base + "_" + baseUnit.toLowerCase(Locale.ROOT);
            }
            return base;
        }

        /** The series of this meter in a Prometheus scrape. */
        public List<String> prometheusSeries() {
            String base = prometheusName();
            List<String> series = new ArrayList<>();
            switch (type) {
                case COUNTER -> series.add(base + "_total");
                case GAUGE -> series.add(base);
                case TIMER -> List.of("_bucket", "_count", "_sum", "_max").forEach(s -> series.add(base + s));
                case TIMER_SUMMARY -> List.of("_count", "_sum", "_max").forEach(s -> series.add(base + s));
            }
            return series;
        }
    }

    private static Meter counter(String name, String description, String... tags) {
        return new Meter(name, Type.COUNTER, null, description, List.of(tags));
    }

    private static Meter gauge(String name, String unit, String description, String... tags) {
        return new Meter(name, Type.GAUGE, unit, description, List.of(tags));
    }

    private static Meter timer(String name, String description, String... tags) {
        return new Meter(name, Type.TIMER, "seconds", description, List.of(tags));
    }
}
