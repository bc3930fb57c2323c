package io.lodestar.acs.bench.session;

import io.lodestar.acs.bench.session.SessionLoad.LoadResult;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole-session load benchmark (docs/session-benchmark.md): for each tree size, the real ACS in-process
 * with its embedded store and cache, devices registered and discovered by their first session, then plain
 * periodic sessions over loopback HTTP for a fixed window after a warmup; and, in the same run, the same load on
 * a trivial Netty server ({@link BaselineServer}). Prints one markdown table row per size. Not a test: it
 * asserts nothing about speed; the figures are to be compared as ratios, run against run.
 *
 * <pre>
 * --sizes 150,1000,10000   parameters per device, one row each
 * --devices 32             devices per size (at least the concurrency)
 * --concurrency 8          sessions in flight
 * --warmup 10s --duration 20s
 * --sync false             store.sync of the embedded store (the product's default is true)
 * --auth challenge        CPE authentication: off, challenge (a 401 every session) or preemptive (nonce reused)
 * --label TEXT             first column of the rows, e.g. before / after
 * --jfr DIR                record the ACS's measured window with JFR and print its top frames
 * --no-header              rows only (to append to an earlier run's table)
 * </pre>
 */
public final class SessionBenchmarkMain {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    private SessionBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("session benchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        if (o.header()) {
            out.println("| run | parameters | devices | Inform bytes | Inform params | sessions/s | p50 ms | p99 ms "
                    + "| CPU ms/session | baseline sessions/s | baseline p99 ms | baseline CPU ms/session "
                    + "| sessions/s ÷ baseline | p99 ÷ baseline |");
            out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        }
        List<String> profiles = new ArrayList<>();
        for (int size : o.sizes()) {
            out.println(row(o, size, profiles));
            out.flush();
        }
        profiles.forEach(out::print);
    }

    private static String row(Options o, int parameters, List<String> profiles) throws Exception {
        long cached = 2L * o.devices() * parameters;
        try (BenchAcs acs = BenchAcs.start(cached, o.sync(), o.auth())) {
            long start = System.nanoTime();
            Fleet fleet = Fleet.discover(acs.port(), o.devices(), parameters, acs.auth());
            System.err.printf(Locale.ROOT, "%,d parameters: %d devices discovered in %.1f s; baseline, then the ACS: "
                    + "warmup %s, window %s each%n", parameters, fleet.size(), (System.nanoTime() - start) / 1e9,
                    o.warmup(), o.duration());
            LoadResult baseline;
            try (BaselineServer trivial = new BaselineServer()) {
                baseline = new SessionLoad(trivial.port(), o.concurrency(), fleet.size(), fleet::inform)
                        .run(o.warmup(), o.duration(), () -> {}, () -> {});
            }
            JfrProfile[] jfr = new JfrProfile[1];
            java.io.ByteArrayOutputStream report = new java.io.ByteArrayOutputStream();
            LoadResult result = new SessionLoad(acs.port(), o.concurrency(), fleet.size(), fleet::inform, acs.auth())
                    .run(o.warmup(), o.duration(),
                            () -> jfr[0] = o.jfrDir() == null ? null
                                    : JfrProfile.start(o.jfrDir().resolve("session-" + o.label() + "-" + parameters + ".jfr")),
                            () -> {
                                if (jfr[0] != null) {
                                    jfr[0].stopAndReport(new PrintStream(report, true));
                                }
                            });
            if (report.size() > 0) {
                profiles.add("\n### " + o.label() + ", " + parameters + " parameters\n" + report);
            }
            return String.format(Locale.ROOT,
                    "| %s | %,d | %d | %d | %d | %.0f | %.2f | %.2f | %.3f | %.0f | %.2f | %.3f | %.4f | %.1f |",
                    o.label() + " (auth " + o.auth().mode() + ")", parameters, fleet.size(), fleet.informBytes(), fleet.informParameters(),
                    result.sessionsPerSecond(), result.p50Micros() / 1000.0, result.p99Micros() / 1000.0,
                    result.cpuMillisPerSession(), baseline.sessionsPerSecond(), baseline.p99Micros() / 1000.0,
                    baseline.cpuMillisPerSession(), result.sessionsPerSecond() / baseline.sessionsPerSecond(),
                    (double) result.p99Micros() / Math.max(1, baseline.p99Micros()));
        }
    }

    record Options(List<Integer> sizes, int devices, int concurrency, Duration warmup, Duration duration,
                   boolean sync, String label, Path jfrDir, boolean header, BenchAuth auth) {

        static Options parse(String[] args) {
            List<Integer> sizes = List.of(150, 1_000, 10_000);
            int devices = 32;
            int concurrency = 8;
            Duration warmup = Duration.ofSeconds(10);
            Duration duration = Duration.ofSeconds(20);
            boolean sync = false;
            String label = "run";
            Path jfr = null;
            boolean header = true;
            BenchAuth auth = BenchAuth.parse("challenge");
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--no-header")) {
                    header = false;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--sizes" -> {
                        sizes = new ArrayList<>();
                        for (String s : v.split(",")) {
                            int size = positive(a, s.trim().replace("_", ""));
                            if (size < BenchTree.MIN_PARAMETERS) {
                                throw new IllegalArgumentException("--sizes: a device needs at least "
                                        + BenchTree.MIN_PARAMETERS + " parameters, not " + size);
                            }
                            sizes.add(size);
                        }
                    }
                    case "--devices" -> devices = positive(a, v);
                    case "--concurrency" -> concurrency = positive(a, v);
                    case "--warmup" -> warmup = duration(a, v);
                    case "--duration" -> duration = duration(a, v);
                    case "--sync" -> {
                        if (!v.equals("true") && !v.equals("false")) {
                            throw new IllegalArgumentException("--sync takes true or false, not '" + v + "'");
                        }
                        sync = Boolean.parseBoolean(v);
                    }
                    case "--label" -> label = v;
                    case "--auth" -> auth = BenchAuth.parse(v);
                    case "--jfr" -> jfr = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            if (concurrency > devices) {
                throw new IllegalArgumentException("--concurrency (" + concurrency + ") must not exceed --devices ("
                        + devices + "): a device is never in two sessions at once");
            }
            if (duration.isZero()) {
                throw new IllegalArgumentException("--duration must be positive");
            }
            return new Options(List.copyOf(sizes), devices, concurrency, warmup, duration, sync, label, jfr, header, auth);
        }

        private static int positive(String option, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n < 1) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a positive whole number, not '" + v + "'");
            }
        }

        private static Duration duration(String option, String v) {
            Matcher m = DURATION.matcher(v);
            if (!m.matches()) {
                throw new IllegalArgumentException(option + " takes a duration such as 500ms, 20s or 2m, not '" + v + "'");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
        }
    }
}
