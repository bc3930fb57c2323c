package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.cassandra.node.CassandraNode;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.SessionStart;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.lodestar.acs.store.StoreTestData.fullDevice;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test (its name does not end in Test, so {@code mvn verify} skips it): what one plain periodic session costs
 * Cassandra's process in CPU, for each way of keeping the session leases, on the shared test node.
 *
 * <p>A plain periodic session does what {@code SessionService} asks of the store for a periodic Inform with no
 * task: {@code acquireLeaseAndLoadSessionStart} (the lease, the snapshot, the pending tasks, the operations),
 * {@code commitAndReleaseLease} (the summary, the Inform's values that changed, the inform record; the lease given
 * back). Before and after each pass it
 * reads the Cassandra JVM's {@code utime + stime} from {@code /proc/<pid>/stat} and this JVM's process CPU time (the
 * ACS side: the store and the driver), and reports both per session. Passes alternate the modes; a mode's figure
 * sums its passes. Run:
 *
 * <pre>
 * mvn -B -q -o -pl acs-store-cassandra -am verify -Dtest=CassandraSessionCostBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dlodestar.bench.sessions=3000
 * </pre>
 *
 * Properties: {@code lodestar.bench.modes} (NO_LEASE,LWT,QUORUM; also READS_ONLY, LWT_LEASE_ONLY,
 * QUORUM_LEASE_ONLY, QUORUM_UNCACHED, QUORUM_ALL_VALUES, QUORUM_TABLE),
 * {@code lodestar.bench.parameters} per device beside the Inform's 6 (0),
 * {@code lodestar.bench.sessions} per pass (3000), {@code lodestar.bench.passes} per mode (2),
 * {@code lodestar.bench.inform-interval-seconds} (0: the Informs' instants are the clock's, so every device
 * informs again within seconds; 3600: each device informs hourly on a simulated clock, as the capacity model's fleet),
 * {@code lodestar.bench.threads} (4), {@code lodestar.bench.devices} (500), {@code lodestar.bench.stores} (1: each
 * thread uses store i mod n, one driver session and node identity each, as n ACS nodes would).
 * Results are printed and written to {@code target/session-cost.md}. With {@code -Dlodestar.bench.cluster=3} it
 * starts a local three-node cluster of its own instead (127.0.0.1 to 127.0.0.3) and sums the three nodes' CPU;
 * {@code lodestar.cassandra.yaml} ({@code key=value,...}, e.g. {@code commitlog_sync=periodic}) applies to the shared
 * node and to the cluster's nodes alike.
 */
class CassandraSessionCostBenchmark {

    /**
     * What a pass runs: whole sessions without a lease, with LWT leases, with quorum claims; and, to split the cost,
     * the reads alone (loadSessionStart), and the leases alone (take and give back);
     * {@code QUORUM_UNCACHED}: whole sessions with quorum claims and the store's snapshot cache off (every
     * {@code loadSnapshot} reads the parameters), the same-run baseline of the cache. Every other mode runs the store
     * as shipped (its snapshot cache on; a pass opens fresh stores, so each device's first session of a pass reads
     * whole). A session's commit writes what the engine writes: the Inform values that differ from the stored ones
     * (here 1 of the 6: the IP address); {@code QUORUM_ALL_VALUES} writes all six, as the engine did before
     * 2026-12-07. {@code QUORUM_TABLE}: the quorum claims in their table of their own ({@code session-leases=
     * quorum-table}, the layout before V015: the claim's read is a read of its own).
     */
    enum Mode { NO_LEASE, LWT, QUORUM, READS_ONLY, LWT_LEASE_ONLY, QUORUM_LEASE_ONLY, QUORUM_UNCACHED,
        QUORUM_ALL_VALUES, QUORUM_TABLE }

    private static final String KEYSPACE = "bench_cost";
    private static final String CLUSTER = "lodestar.bench.cluster";
    private static final Duration TTL = Duration.ofSeconds(60);
    private static final List<String> INFORM_PATHS = List.of(
            "Device.DeviceInfo.HardwareVersion", "Device.DeviceInfo.SoftwareVersion",
            "Device.DeviceInfo.ProvisioningCode", "Device.ManagementServer.ConnectionRequestURL",
            "Device.ManagementServer.ParameterKey", "Device.IP.Interface.1.IPv4Address.1.IPAddress");

    private final int sessions = Integer.getInteger("lodestar.bench.sessions", 3000);
    private final int passes = Integer.getInteger("lodestar.bench.passes", 2);
    private final int threads = Integer.getInteger("lodestar.bench.threads", 4);
    private final int devices = Integer.getInteger("lodestar.bench.devices", 500);
    private final int stores = Integer.getInteger("lodestar.bench.stores", 1);
    /** Parameters per device beside the Inform's 6 (a real data model holds hundreds to thousands). */
    private final int extraParameters = Integer.getInteger("lodestar.bench.parameters", 0);
    /** 0: the sessions' Inform instants are the clock's; else each device informs at this interval (simulated). */
    private final long intervalSeconds = Long.getLong("lodestar.bench.inform-interval-seconds", 0);
    private final java.util.concurrent.atomic.AtomicLongArray informsPerDevice =
            new java.util.concurrent.atomic.AtomicLongArray(devices);
    private final Instant simulatedStart = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS)
            .plus(Duration.ofDays(1));

    private record Figures(long sessions, long cassandraNanos, long acsNanos, long wallNanos, long refused) {
        Figures plus(Figures o) {
            return new Figures(sessions + o.sessions, cassandraNanos + o.cassandraNanos, acsNanos + o.acsNanos,
                    wallNanos + o.wallNanos, refused + o.refused);
        }
    }

    @Test
    void measuresCassandraCpuPerPlainPeriodicSession() throws Exception {
        Assumptions.assumeTrue(System.getProperty(CLUSTER) == null, "a cluster run was asked for");
        try (TestCassandra cassandra = new TestCassandra()) {
            cassandra.dropKeyspace(KEYSPACE);
            measure(cassandra.config(KEYSPACE), List.of(cassandra.node.pid().orElseThrow()), "one local node");
            cassandra.dropKeyspace(KEYSPACE);
        }
    }

    /**
     * The same on a local cluster of {@code lodestar.bench.cluster} nodes (127.0.0.1, .2, .3, ...; heaps of
     * {@code lodestar.cassandra.heap}, default 512m), the keyspace replicated to every node (SimpleStrategy,
     * replication factor = nodes), LOCAL_QUORUM: the Cassandra CPU is the sum over every node's process.
     */
    @Test
    void measuresCassandraCpuPerPlainPeriodicSessionOnALocalCluster() throws Exception {
        String size = System.getProperty(CLUSTER);
        Assumptions.assumeTrue(size != null, "no cluster asked for (-D" + CLUSTER + "=3)");
        int n = Integer.parseInt(size);
        Path work = Files.createTempDirectory("lodestar-bench-cluster-");
        List<CassandraNode> nodes = new ArrayList<>();
        try {
            int storagePort;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
                    java.net.InetAddress.getByName("127.0.0.1"))) {
                storagePort = probe.getLocalPort();
            }
            for (int i = 1; i <= n; i++) {
                CassandraNode.Builder builder = CassandraNode.builder().directory(work.resolve("node" + i))
                        .clusterName("lodestar-bench").listenAddress("127.0.0." + i).seeds("127.0.0.1")
                        .storagePort(storagePort).heap(System.getProperty("lodestar.cassandra.heap", "512m"))
                        .processors(2)
                        // an empty cluster: nothing to stream, and no waiting for the previous node's join to settle
                        .yaml("auto_bootstrap", "false").jvmOption("-Dcassandra.consistent.rangemovement=false");
                for (String entry : System.getProperty("lodestar.cassandra.yaml", "").split(",")) {
                    int eq = entry.indexOf('='); // as on the shared node: e.g. commitlog_sync=periodic
                    if (eq > 0) {
                        builder.yaml(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
                    }
                }
                CassandraNode node = builder.build();
                node.start(); // one after the other: a node joins a ring that is not moving
                nodes.add(node);
            }
            List<String> points = new ArrayList<>();
            List<Long> pids = new ArrayList<>();
            for (CassandraNode node : nodes) {
                points.add(node.contactPoint().getHostString() + ":" + node.contactPoint().getPort());
                pids.add(node.pid().orElseThrow());
            }
            CassandraStoreConfig config = CassandraStoreConfig.of(points, nodes.get(0).localDatacenter())
                    .withKeyspace(KEYSPACE).withReplication(CassandraStoreConfig.simpleStrategy(n))
                    .withRequestTimeout(Duration.ofSeconds(20));
            measure(config, pids, "a local cluster of " + n + " nodes, replication factor " + n + ", LOCAL_QUORUM");
        } finally {
            for (CassandraNode node : nodes) {
                node.kill();
            }
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private void measure(CassandraStoreConfig config, List<Long> pids, String where) throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        // a fresh keyspace on a loaded cluster: a node may prepare before the schema reached it; open again
        AcsStore opened = null;
        for (int attempt = 1; opened == null; attempt++) {
            try {
                opened = CassandraAcsStore.open(config, IndexedParameters.NONE);
            } catch (IllegalStateException e) {
                if (attempt == 10) {
                    throw e;
                }
                System.out.println("open failed, again: " + e.getMessage());
                Thread.sleep(3000);
            }
        }
        try (AcsStore seed = opened) {
            for (int d = 0; d < devices; d++) {
                SessionChanges.Builder b = periodicBuilder(fullDevice("bench-" + d), Instant.now(), d);
                for (int p = 0; p < extraParameters; p++) {
                    b.upsert(new Parameter("Device.X_BENCH.Table." + (p / 10 + 1) + ".Value" + (p % 10),
                            "value-" + p + "-of-a-typical-length", "xsd:string", true, Instant.now()));
                }
                seed.commit(b.build());
            }
        }
        Map<Mode, Figures> total = new LinkedHashMap<>();
        pass(config, pids, Mode.QUORUM, sessions / 2); // warm-up, unmeasured
        pass(config, pids, Mode.LWT, sessions / 2);
        List<Mode> modes = new ArrayList<>();
        for (String m : System.getProperty("lodestar.bench.modes", "NO_LEASE,LWT,QUORUM").split(",")) {
            modes.add(Mode.valueOf(m.strip().toUpperCase(Locale.ROOT)));
        }
        List<Mode> order = new ArrayList<>();
        for (int p = 0; p < passes; p++) {
            List<Mode> round = new ArrayList<>(modes);
            if (p % 2 == 1) {
                java.util.Collections.reverse(round);
            }
            order.addAll(round);
        }
        for (Mode m : order) {
            Figures f = pass(config, pids, m, sessions);
            total.merge(m, f, Figures::plus);
            System.out.printf(Locale.ROOT, "pass %-8s %s%n", m, describe(f));
        }
        String report = report(total, where, load, Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.println(report);
        Files.writeString(Path.of("target", "session-cost.md"), report);
    }

    private Figures pass(CassandraStoreConfig config, List<Long> pids, Mode mode, int count) throws Exception {
        List<AcsStore> open = new ArrayList<>();
        CassandraStoreConfig.LeaseMode leaseMode = mode == Mode.LWT || mode == Mode.LWT_LEASE_ONLY
                ? CassandraStoreConfig.LeaseMode.LWT : mode == Mode.QUORUM_TABLE
                ? CassandraStoreConfig.LeaseMode.QUORUM_TABLE : CassandraStoreConfig.LeaseMode.QUORUM;
        long cache = mode == Mode.QUORUM_UNCACHED ? 0 : SnapshotCache.DEFAULT_MAX_PARAMETERS;
        for (int s = 0; s < stores; s++) {
            open.add(CassandraAcsStore.open(config.withLeaseMode(leaseMode), IndexedParameters.NONE, cache));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long cassandraBefore = cpuNanos(pids);
            long acsBefore = acsCpuNanos();
            long wallBefore = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                AcsStore store = open.get(t % stores);
                String node = "node-" + (t % stores);
                done.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        if (!session(store, node, mode, i)) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            long wall = System.nanoTime() - wallBefore;
            return new Figures(count, cpuNanos(pids) - cassandraBefore, acsCpuNanos() - acsBefore, wall,
                    refused.get());
        } finally {
            pool.shutdownNow();
            for (AcsStore s : open) {
                s.close();
            }
        }
    }

    /** One plain periodic session, as SessionService runs it; false when the lease was refused. */
    private boolean session(AcsStore store, String node, Mode mode, int i) {
        int d = i % devices;
        DeviceId id = new DeviceId("bench-" + d);
        if (mode == Mode.LWT_LEASE_ONLY || mode == Mode.QUORUM_LEASE_ONLY) {
            if (!store.acquireLease(id, node, TTL)) {
                return false;
            }
            store.releaseLease(id, node);
            return true;
        }
        boolean lease = mode != Mode.NO_LEASE && mode != Mode.READS_ONLY;
        SessionStart start;
        if (lease) { // the session's opening: its lease and its reads in one call
            java.util.Optional<SessionStart> opened = store.acquireLeaseAndLoadSessionStart(id, node, TTL);
            if (opened.isEmpty()) {
                return false;
            }
            start = opened.get();
        } else {
            start = store.loadSessionStart(id);
        }
        if (mode == Mode.READS_ONLY) {
            return true;
        }
        DeviceSnapshot snapshot = start.snapshot().orElseThrow();
        SessionChanges all = periodic(snapshot.device(), informAt(d), i);
        SessionChanges changes = mode == Mode.QUORUM_ALL_VALUES ? all : changedValuesOnly(all, snapshot);
        if (lease) { // the session's end: the claim's release rides in the commit where it can
            store.commitAndReleaseLease(changes, node);
        } else {
            store.commit(changes);
        }
        return true;
    }

    /**
     * The session's Inform instant: now, or with {@code lodestar.bench.inform-interval-seconds} the device's next
     * one on a simulated clock (the devices spread evenly over the interval, as PeriodicInformTime spreads them).
     */
    private Instant informAt(int d) {
        if (intervalSeconds == 0) {
            return Instant.now();
        }
        long n = informsPerDevice.getAndIncrement(d);
        return simulatedStart.plusMillis(n * intervalSeconds * 1000 + d * intervalSeconds * 1000 / devices);
    }

    /** The changes without the upserts whose value and type the snapshot already holds. */
    private static SessionChanges changedValuesOnly(SessionChanges all, DeviceSnapshot stored) {
        SessionChanges.Builder b = new SessionChanges.Builder(all.device());
        for (Parameter p : all.upserts().values()) {
            Parameter known = stored.tree().get(p.path());
            if (known == null || !java.util.Objects.equals(known.value(), p.value())
                    || !java.util.Objects.equals(known.type(), p.type())) {
                b.upsert(p);
            }
        }
        b.inform(all.inform());
        return b.build();
    }

    private static SessionChanges periodic(Device device, Instant now, int i) {
        return periodicBuilder(device, now, i).build();
    }

    private static SessionChanges.Builder periodicBuilder(Device device, Instant now, int i) {
        List<EventStruct> events = List.of(EventStruct.of(EventStruct.PERIODIC));
        Device after = device.toBuilder()
                .lastContact(new LastContact(now, device.lastBootAt(), events, "198.51.100.4", "1.4")).build();
        SessionChanges.Builder b = new SessionChanges.Builder(after);
        for (String path : INFORM_PATHS) {
            String value = path.endsWith("IPAddress") ? "10.0." + (i % 250) + ".1" : "value-of-" + path;
            b.upsert(new Parameter(path, value, "xsd:string", null, now));
        }
        b.inform(new InformRecord(device.id(), now, events, "198.51.100.4", 0));
        return b;
    }

    /** The summed {@code utime + stime} of these processes, from {@code /proc/<pid>/stat}. */
    private static long cpuNanos(List<Long> pids) throws IOException {
        long ticks = 0;
        for (long pid : pids) {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
        }
        return ticks * 1_000_000_000L / clockTicks();
    }

    private static long ticksPerSecond;

    private static synchronized long clockTicks() throws IOException {
        if (ticksPerSecond == 0) {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            ticksPerSecond = Long.parseLong(new String(p.getInputStream().readAllBytes()).strip());
        }
        return ticksPerSecond;
    }

    private static long acsCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String describe(Figures f) {
        double n = f.sessions;
        return String.format(Locale.ROOT, "%d sessions, Cassandra %.3f ms CPU/session, ACS %.3f ms CPU/session, "
                        + "%.0f sessions/s, %d refused", f.sessions, f.cassandraNanos / n / 1e6, f.acsNanos / n / 1e6,
                n / (f.wallNanos / 1e9), f.refused);
    }

    private String report(Map<Mode, Figures> total, String where, String loadBefore, String loadAfter) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Cassandra: %s. Plain periodic sessions: %d per pass, %d passes per mode, %d threads, "
                + "%d devices of %d parameters, %d store(s), Inform interval %s, Cassandra node options %s; "
                + "/proc/loadavg before: %s, after: %s%n%n",
                where, sessions, passes, threads, devices, 6 + extraParameters, stores,
                intervalSeconds == 0 ? "(the clock)" : intervalSeconds + " s (simulated)",
                System.getProperty("lodestar.cassandra.yaml", "(none)"),
                loadBefore, loadAfter));
        b.append("| lease mode | sessions | Cassandra CPU ms/session | ACS CPU ms/session | sessions/s (wall) |"
                + " refused |\n|---|---|---|---|---|---|\n");
        total.forEach((m, f) -> b.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.0f | %d |%n",
                m.name().toLowerCase(Locale.ROOT), f.sessions, f.cassandraNanos / (double) f.sessions / 1e6,
                f.acsNanos / (double) f.sessions / 1e6, f.sessions / (f.wallNanos / 1e9), f.refused)));
        assertThat(total).isNotEmpty();
        return b.toString();
    }
}
