package io.lodestar.acs.bench.scale;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.session.CwmpSession;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.session.SessionOpening;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.core.session.SessionStep;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.Settings;
import io.lodestar.acs.sim.load.FleetSeed;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.embedded.RocksAcsStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Registers a fleet of {@code lodestar load} devices into an embedded store without HTTP (issue 21 item 5: a
 * million registered devices): for each device, the session engine runs its first-contact session ({@code 0
 * BOOTSTRAP 1 BOOT}, the discovery the settings ask for) against the simulated device in this process, and the
 * session's changes are committed through the store contract's normal path ({@link AcsStore#commit}): the same
 * records a first contact over HTTP writes (device, parameters, index entries, inform history). The devices are
 * those of {@code lodestar load --serial-prefix PREFIX} with the same model, so a later {@code lodestar load
 * --no-prime} informs as known devices.
 *
 * <pre>
 * java -cp ... io.lodestar.acs.bench.scale.SeedDevices --data DIR --devices N [--from K] [--serial-prefix P]
 *     [--threads T] [-s key=value ...]
 * </pre>
 * {@code store.sync} is false unless {@code -s store.sync=true}; {@code -s} takes any ACS setting (the session
 * policy, {@code store.indexed-parameters}) so that the seeding matches the ACS that will serve the store.
 */
public final class SeedDevices {

    private SeedDevices() {}

    /** What one seeding did. */
    public record Result(long devices, long parameters, double seconds, double engineMillisPerDevice,
                         double commitMillisPerDevice) {
        public double devicesPerSecond() {
            return devices / Math.max(1e-9, seconds);
        }
    }

    public static void main(String[] args) throws Exception {
        Path data = null;
        int devices = 0;
        int from = 0;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        String prefix = "LOAD";
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--data" -> data = Path.of(args[++i]);
                case "--devices" -> devices = Integer.parseInt(args[++i].replace("_", ""));
                case "--from" -> from = Integer.parseInt(args[++i].replace("_", ""));
                case "--serial-prefix" -> prefix = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "-s" -> {
                    String kv = args[++i];
                    int eq = kv.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("-s takes key=value, not " + kv);
                    }
                    flags.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown argument " + a
                        + " (--data DIR --devices N [--from K] [--serial-prefix P] [--threads T] [-s key=value])");
            }
        }
        if (data == null || devices < 1) {
            throw new IllegalArgumentException("need --data DIR and --devices N");
        }
        flags.put("store.path", data.toString());
        flags.putIfAbsent("store.sync", "false");
        AcsConfig config = AcsConfig.from(Settings.load(null, Map.of(), flags));
        Files.createDirectories(data);
        DataModel model = DataModel.ipPhone(prefix + "0000000");
        try (AcsStore store = config.embedded().sync()
                ? RocksAcsStore.open(data, config.store().indexed())
                : RocksAcsStore.open(data, config.store().indexed(), RocksAcsStore.Option.NO_SYNC)) {
            Result r = seed(store, new FleetSeed(model, prefix), config.session(), from, devices, threads,
                    (done, params, seconds) -> System.out.printf(Locale.ROOT,
                            "[seed %5.0fs] %,d devices, %,d parameters, %,.0f devices/s%n", seconds, done, params,
                            done / Math.max(1e-9, seconds)));
            System.out.printf(Locale.ROOT, "seeded %,d devices (%s%07d..%s%07d) with %,d parameters in %.1f s: "
                            + "%,.0f devices/s, %,.0f parameters/s; per device (wall, per thread): session engine %.2f ms, "
                            + "commit %.2f ms%n", r.devices(), prefix, from + 1, prefix,
                    from + devices, r.parameters(), r.seconds(), r.devicesPerSecond(), r.parameters() / r.seconds(),
                    r.engineMillisPerDevice(), r.commitMillisPerDevice());
        }
        System.out.printf(Locale.ROOT, "store size on disk: %,d MB%n", sizeOf(data) >> 20);
    }

    /** Progress callback, every 10 seconds or so. */
    @FunctionalInterface
    public interface Progress {
        void report(long devices, long parameters, double seconds);
    }

    /**
     * Runs devices {@code from} to {@code from + count - 1} of the fleet through a first-contact session each,
     * committing each session's changes; {@code threads} at once.
     */
    public static Result seed(AcsStore store, FleetSeed fleet, SessionPolicy policy, int from, int count,
                              int threads, Progress progress) throws InterruptedException {
        AtomicInteger next = new AtomicInteger(from);
        int end = from + count;
        AtomicLong done = new AtomicLong();
        AtomicLong parameters = new AtomicLong();
        AtomicLong engineNanos = new AtomicLong();
        AtomicLong commitNanos = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    for (int n = next.getAndIncrement(); n < end && failures.isEmpty(); n = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        SessionChanges changes = firstContact(fleet, n, policy, Instant.now());
                        long t1 = System.nanoTime();
                        store.commit(changes);
                        engineNanos.addAndGet(t1 - t0);
                        commitNanos.addAndGet(System.nanoTime() - t1);
                        parameters.addAndGet(changes.upserts().size());
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "seed-" + t);
            w.start();
            workers.add(w);
        }
        long nextReport = start + 10_000_000_000L;
        for (Thread w : workers) {
            while (w.isAlive()) {
                w.join(500);
                if (progress != null && System.nanoTime() >= nextReport) {
                    progress.report(done.get(), parameters.get(), (System.nanoTime() - start) / 1e9);
                    nextReport += 10_000_000_000L;
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("seeding failed after " + done.get() + " devices", failures.get(0));
        }
        return new Result(done.get(), parameters.get(), (System.nanoTime() - start) / 1e9,
                engineNanos.get() / 1e6 / Math.max(1, done.get()), commitNanos.get() / 1e6 / Math.max(1, done.get()));
    }

    /**
     * The session engine's first-contact session of device {@code n}: its bootstrap Inform, then every request the
     * engine makes (the discovery) answered by the simulated device, until the engine ends the session.
     */
    public static SessionChanges firstContact(FleetSeed fleet, int n, SessionPolicy policy, Instant now) {
        FleetSeed.Device device = fleet.device(n);
        Inform inform = device.bootstrapInform();
        DeviceId id = policy.identityScheme().idOf(inform.deviceId());
        SessionOpening opening = CwmpSession.open(inform, fleet.version(), id, Optional.empty(), List.of(), List.of(),
                "127.0.0.1", policy, now);
        if (!(opening instanceof SessionOpening.Accepted accepted)) {
            throw new IllegalStateException("the engine refused device " + id + ": " + opening);
        }
        CwmpSession session = accepted.session();
        CwmpMessage answer = null;
        for (int exchanges = 0; ; exchanges++) {
            SessionStep step = session.next(answer, now);
            if (step instanceof SessionStep.End) {
                break;
            }
            if (exchanges > 10_000) {
                throw new IllegalStateException("device " + id + ": the session did not end after 10,000 exchanges");
            }
            answer = device.answer(((SessionStep.Send) step).message());
        }
        return session.finish();
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
