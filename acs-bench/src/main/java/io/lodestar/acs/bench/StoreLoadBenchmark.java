package io.lodestar.acs.bench;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceIdentity;
import io.lodestar.acs.core.device.DiscoveryState;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.device.Reachability;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.DeviceQuery;
import io.lodestar.acs.store.IndexedParameters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The store half of the load benchmark: what a fleet's sessions ask of a store, measured the same way
 * for every store in one run. Per store:
 * <ul>
 *   <li>session-end writes: bootstrap sessions of {@code devices} devices with {@code parameters} parameters
 *       each, committed by {@code threads} threads at once, as parameters written per second; into fresh stores
 *       opened with {@link IndexedParameters#NONE} and with {@link #INDEXED} (the cost of keeping the index is
 *       their ratio). After one unmeasured warm-up pass, {@value #PASSES} passes per side run alternately
 *       (none, indexed, indexed, none, none, indexed), and each side's figure is its passes' parameters over
 *       their summed time;</li>
 *   <li>on the last indexed store: device loads ({@code loadSnapshot}) and three searches
 *       ({@code findDevices(query, null, 50)}): by an indexed parameter with a unique value (the serial
 *       number: one device), by an indexed parameter with a value shared by {@value #GROUP} devices (the SIP
 *       user name), and by a summary field (the software version, also shared by {@value #GROUP} devices);
 *       each by {@code threads} threads, after {@value #WARM_UP} unmeasured calls, as latency percentiles.</li>
 * </ul>
 * Not a test: it asserts nothing about the figures and runs only when asked (see docs/store-benchmark.md);
 * it only checks that each load and search finds what was written.
 */
public final class StoreLoadBenchmark {

    public static final String SERIAL = "Device.DeviceInfo.SerialNumber";
    public static final String IGD_SERIAL = "InternetGatewayDevice.DeviceInfo.SerialNumber";
    public static final String SOFTWARE = "Device.DeviceInfo.SoftwareVersion";
    public static final String MAC = "Device.Ethernet.Interface.1.MACAddress";
    public static final String SIP_USER = "Device.Services.VoiceService.1.VoiceProfile.1.Line.1.SIP.AuthUserName";

    /**
     * What the benchmark indexes, as production would: the default list (both serial numbers) plus a MAC
     * address and a SIP user name. The devices are TR-181 ({@code Device.}), so the IGD path has no entries.
     */
    public static final IndexedParameters INDEXED = IndexedParameters.of(SERIAL, IGD_SERIAL, MAC, SIP_USER);

    /** Devices per shared value (SIP user name, software version). */
    public static final int GROUP = 10;
    /** The page size of every search. */
    public static final int PAGE = 50;
    /** Measured write passes per side (with and without index). */
    public static final int PASSES = 3;
    /** Unmeasured calls before each measured read phase. */
    public static final int WARM_UP = 100;

    /** The shape of one run. */
    public record Shape(int devices, int parameters, int threads, int loads, int searches) {}

    /** Opens a fresh store of one kind; {@code name} tells it apart (a directory, a keyspace). */
    @FunctionalInterface
    public interface Opener {
        AcsStore open(String name, IndexedParameters indexed) throws Exception;
    }

    /** Latency percentiles and throughput of one read phase. */
    public record Latency(double p50Millis, double p99Millis, double perSecond) {}

    /** The figures of one store. */
    public record Figures(String label, String description, double[] noIndexPasses, double[] indexedPasses,
                          double noIndex, double indexed, Latency load, Latency uniqueParameter,
                          Latency sharedParameter, Latency software) {

        /** Parameters/s without index over parameters/s with it: above 1, the index costs that much. */
        double indexCost() {
            return noIndex / indexed;
        }

        Latency latency(int op) {
            return switch (op) {
                case 0 -> load;
                case 1 -> uniqueParameter;
                case 2 -> sharedParameter;
                default -> software;
            };
        }
    }

    private static final String[] OPERATIONS = {
        "device load (`loadSnapshot`, 1 device + its parameters)",
        "search by indexed parameter, unique value (serial number: 1 device)",
        "search by indexed parameter, shared value (SIP user name: " + GROUP + " devices)",
        "search by summary field (software version: " + GROUP + " devices)",
    };

    private StoreLoadBenchmark() {}

    /** Runs every phase against fresh stores of one kind. */
    public static Figures run(String label, String description, Opener opener, Shape shape) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(shape.threads());
        try {
            writePass(opener, "warmup", IndexedParameters.NONE, shape, pool);
            double[] noIndex = new double[PASSES];
            double[] indexed = new double[PASSES];
            for (int k = 0; k < PASSES - 1; k++) {
                boolean indexedFirst = k % 2 == 1;
                if (indexedFirst) {
                    indexed[k] = writePass(opener, "indexed" + k, INDEXED, shape, pool);
                }
                noIndex[k] = writePass(opener, "none" + k, IndexedParameters.NONE, shape, pool);
                if (!indexedFirst) {
                    indexed[k] = writePass(opener, "indexed" + k, INDEXED, shape, pool);
                }
            }
            int last = PASSES - 1;
            noIndex[last] = writePass(opener, "none" + last, IndexedParameters.NONE, shape, pool);
            Latency[] reads = new Latency[4];
            try (AcsStore store = opener.open("indexed" + last, INDEXED)) {
                indexed[last] = write(store, shape, pool);
                reads[0] = measure(pool, shape.loads(), i -> () -> load(store, i % shape.devices()), 1);
                reads[1] = measure(pool, shape.searches(), i -> () -> {
                    int n = i % shape.devices();
                    expect(store.findDevices(DeviceQuery.ALL.withParameter(SERIAL, serial(n)), null, PAGE), 1,
                            "serial " + serial(n));
                }, 2);
                reads[2] = measure(pool, shape.searches(), i -> () -> {
                    int g = i % groups(shape);
                    expect(store.findDevices(DeviceQuery.ALL.withParameter(SIP_USER, sipUser(g)), null, PAGE),
                            groupSize(g, shape), "SIP user " + sipUser(g));
                }, 3);
                reads[3] = measure(pool, shape.searches(), i -> () -> {
                    int g = i % groups(shape);
                    expect(store.findDevices(DeviceQuery.ALL.withSoftwareVersion(softwareVersion(g)), null, PAGE),
                            groupSize(g, shape), "software " + softwareVersion(g));
                }, 4);
            }
            return new Figures(label, description, passesPerSecond(noIndex, shape), passesPerSecond(indexed, shape),
                    combined(noIndex, shape), combined(indexed, shape), reads[0], reads[1], reads[2], reads[3]);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One write pass into a fresh store; returns its duration in seconds. */
    private static double writePass(Opener opener, String name, IndexedParameters indexed, Shape shape,
                                    ExecutorService pool) throws Exception {
        try (AcsStore store = opener.open(name, indexed)) {
            return write(store, shape, pool);
        }
    }

    private static double write(AcsStore store, Shape shape, ExecutorService pool) throws Exception {
        long start = System.nanoTime();
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < shape.devices(); i++) {
            int n = i;
            writes.add(pool.submit(() -> store.commit(bootstrap(n, shape.parameters()))));
        }
        for (Future<?> f : writes) {
            f.get();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double[] passesPerSecond(double[] seconds, Shape shape) {
        return Arrays.stream(seconds).map(s -> (double) shape.devices() * shape.parameters() / s).toArray();
    }

    private static double combined(double[] seconds, Shape shape) {
        return (double) seconds.length * shape.devices() * shape.parameters() / Arrays.stream(seconds).sum();
    }

    /**
     * {@value #WARM_UP} unmeasured calls, then {@code count} measured ones on the pool; the calls' arguments
     * are random (seeded per phase, so every store gets the same sequence).
     */
    private static Latency measure(ExecutorService pool, int count, IntFunction<Runnable> call, long seed)
            throws Exception {
        Random random = new Random(42 * seed);
        int[] warm = random.ints(WARM_UP, 0, Integer.MAX_VALUE).toArray();
        List<Future<?>> warmUp = new ArrayList<>();
        for (int p : warm) {
            warmUp.add(pool.submit(call.apply(p)));
        }
        for (Future<?> f : warmUp) {
            f.get();
        }
        int[] picks = random.ints(count, 0, Integer.MAX_VALUE).toArray();
        long[] latencies = new long[count];
        long start = System.nanoTime();
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            Runnable r = call.apply(picks[n]);
            calls.add(pool.submit(() -> {
                long t = System.nanoTime();
                r.run();
                latencies[n] = System.nanoTime() - t;
            }));
        }
        for (Future<?> f : calls) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Latency(percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6, count / seconds);
    }

    private static void load(AcsStore store, int n) {
        if (store.loadSnapshot(deviceId(n)).isEmpty()) {
            throw new IllegalStateException("device " + n + " not found");
        }
    }

    private static void expect(List<Device> found, int expected, String what) {
        if (found.size() != expected) {
            throw new IllegalStateException(what + ": found " + found.size() + " devices, expected " + expected);
        }
    }

    private static int groups(Shape shape) {
        return (shape.devices() + GROUP - 1) / GROUP;
    }

    private static int groupSize(int g, Shape shape) {
        return Math.min(GROUP, shape.devices() - g * GROUP);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static DeviceId deviceId(int n) {
        return new DeviceId(String.format("00D09E-BENCH-%08d", n));
    }

    static String serial(int n) {
        return String.format("%08d", n);
    }

    static String mac(int n) {
        return String.format("00:D0:9E:%02X:%02X:%02X", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
    }

    /** The SIP user name of group {@code g}: the devices {@code g * GROUP} to {@code g * GROUP + GROUP - 1}. */
    static String sipUser(int g) {
        return String.format("sip-site-%05d", g);
    }

    static String softwareVersion(int g) {
        return "2." + g + ".0";
    }

    /**
     * A bootstrap session of one device: forget everything, learn {@code parameters} values (at least 4): its
     * serial number, software version (shared by its group), MAC address (its own), SIP user name (shared by
     * its group), and filler values.
     */
    static SessionChanges bootstrap(int n, int parameters) {
        Instant now = Instant.now();
        DeviceId id = deviceId(n);
        String software = softwareVersion(n / GROUP);
        Device device = new Device(
                new DeviceIdentity(id, new DeviceIdStruct("Acme", "00D09E", "BENCH", serial(n)), now),
                new LastContact(now, now, List.of(EventStruct.of(EventStruct.BOOTSTRAP)), "127.0.0.1", "1.0"),
                new Reachability("http://127.0.0.1:7547/"), new Inventory("Device.", software, "A"),
                new DiscoveryState(false, now), Set.of());
        SessionChanges.Builder b = new SessionChanges.Builder(device).forgetLearned();
        b.upsert(new Parameter("Device.", null, null, false, now));
        b.upsert(new Parameter(SERIAL, serial(n), "xsd:string", false, now));
        b.upsert(new Parameter(SOFTWARE, software, "xsd:string", false, now));
        b.upsert(new Parameter(MAC, mac(n), "xsd:string", false, now));
        b.upsert(new Parameter(SIP_USER, sipUser(n / GROUP), "xsd:string", true, now));
        for (int i = 4; i < parameters; i++) {
            int table = i / 20;
            b.upsert(new Parameter("Device.Bench.Table." + table + ".Value" + (i % 20), "value-" + i + "-of-" + n,
                    "xsd:string", i % 3 == 0, now));
        }
        return b.build();
    }

    private static String passes(double[] perSecond) {
        return String.join(" / ", Arrays.stream(perSecond).mapToObj(v -> String.format(Locale.ROOT, "%,.0f", v)).toList());
    }

    /** Formats the figures of every store, with the ratios within each store and against the first. */
    public static String report(List<Figures> figures, Shape shape, Duration took) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Session-end writes (parameters/s; each side: %d passes into fresh stores, "
                + "their parameters over their summed time)%n%n", PASSES));
        out.append("| store | no index | ").append(INDEXED.paths().size())
                .append(" indexed paths | no index / indexed | passes, no index | passes, indexed | sessions/s, indexed |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Figures f : figures) {
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f | %s | %s | %.1f |%n",
                    f.description(), f.noIndex(), f.indexed(), f.indexCost(), passes(f.noIndexPasses()),
                    passes(f.indexedPasses()), f.indexed() / shape.parameters()));
        }
        out.append(String.format(Locale.ROOT, "%nReads (%d threads; loads: %d, searches: %d of each, page %d; latency in ms)%n%n",
                shape.threads(), shape.loads(), shape.searches(), PAGE));
        out.append("| operation |");
        figures.forEach(f -> out.append(' ').append(f.label()).append(" p50 | ").append(f.label()).append(" p99 | ")
                .append(f.label()).append(" calls/s |"));
        out.append("\n|---|").append("---|---|---|".repeat(figures.size())).append('\n');
        for (int op = 0; op < OPERATIONS.length; op++) {
            out.append("| ").append(OPERATIONS[op]).append(" |");
            for (Figures f : figures) {
                Latency l = f.latency(op);
                out.append(String.format(Locale.ROOT, " %.2f | %.2f | %,.0f |", l.p50Millis(), l.p99Millis(),
                        l.perSecond()));
            }
            out.append('\n');
        }
        out.append('\n');
        for (Figures f : figures) {
            out.append(String.format(Locale.ROOT,
                    "%s: index cost %.2fx (writes without index / with); p50 (p99) of shared-value search / unique: "
                            + "%.2fx (%.2fx); software-version search / unique-value search: %.2fx (%.2fx); "
                            + "unique-value search / device load: %.2fx (%.2fx)%n",
                    f.label(), f.indexCost(),
                    f.sharedParameter().p50Millis() / f.uniqueParameter().p50Millis(),
                    f.sharedParameter().p99Millis() / f.uniqueParameter().p99Millis(),
                    f.software().p50Millis() / f.uniqueParameter().p50Millis(),
                    f.software().p99Millis() / f.uniqueParameter().p99Millis(),
                    f.uniqueParameter().p50Millis() / f.load().p50Millis(),
                    f.uniqueParameter().p99Millis() / f.load().p99Millis()));
        }
        if (figures.size() > 1) {
            Figures base = figures.get(0);
            for (Figures f : figures.subList(1, figures.size())) {
                out.append(String.format(Locale.ROOT, "%s vs %s (above 1: %s is slower / takes longer): writes "
                                + "without index %.2fx, with index %.2fx", f.label(), base.label(), f.label(),
                        base.noIndex() / f.noIndex(), base.indexed() / f.indexed()));
                for (int op = 0; op < OPERATIONS.length; op++) {
                    out.append(String.format(Locale.ROOT, "; %s p50 %.1fx p99 %.1fx", new String[] {
                                    "load", "unique search", "shared search", "software search"}[op],
                            f.latency(op).p50Millis() / base.latency(op).p50Millis(),
                            f.latency(op).p99Millis() / base.latency(op).p99Millis()));
                }
                out.append('\n');
            }
        }
        out.append(String.format(Locale.ROOT,
                "%nshape: %d devices x %d parameters, %d threads, %d loads, %d searches of each kind; run took %ds%n",
                shape.devices(), shape.parameters(), shape.threads(), shape.loads(), shape.searches(),
                took.toSeconds()));
        return out.toString();
    }
}
