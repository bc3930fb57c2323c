package io.lodestar.acs.bench.load;

import io.lodestar.acs.sim.load.LoadConfig;
import io.lodestar.acs.sim.load.LoadGenerator;
import io.lodestar.acs.sim.load.LoadReport;
import io.lodestar.acs.sim.load.PhaseResult;
import io.lodestar.acs.sim.load.Scenario;
import io.lodestar.acs.sim.model.DataModel;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 21 item 3's latency target in one run: session latency at a fraction (half) of the ACS's maximum rate with
 * many devices in flight, against a <em>separate</em> ACS process (started here, {@code lodestar run} as shipped,
 * CPE authentication on with nonce reuse unless {@code --auth off}), optionally pinned to its own cores with
 * {@code taskset} ({@code --acs-cpus}; the script pins this JVM, the generator, with {@code --gen-cpus}).
 * <ol>
 *   <li>prime: one discovery per device (not measured);</li>
 *   <li>maximum: periodic sessions as fast as {@code --max-concurrency} connections allow (closed loop; a warm-up
 *       run, then a measured run) — skipped when {@code --rate} is given;</li>
 *   <li>paced: periodic sessions at {@code --fraction} of that maximum, up to {@code --concurrency} in flight, an
 *       open-loop schedule (latency from each session's intended start), once per engine of {@code --engines}
 *       (alternating engines in one run compares them on the same machine state), each a warm-up and a measured
 *       run.</li>
 * </ol>
 * For each measured run it reports the generator's latency (p50/p90/p99/max), its service time (first byte to last
 * answer) and start lag, the ACS's own view (its {@code lodestar_session_duration_seconds} histogram over the run,
 * from two scrapes of /metrics, quantiles interpolated within its buckets as Prometheus does), the CPU per session
 * of each process, and the load average. Writes the JSON to {@code --out}.
 *
 * <p>Options ({@code --name value}): devices (2000), concurrency (1000), max-concurrency (50), fraction (0.5),
 * rate (0: measure the maximum), warmup (15s), max-warmup (the warm-up: closed-loop load before the maximum is
 * measured; the ACS's JIT compiles for a minute or more after its start, and a maximum measured while it does is
 * too low: the compile time before and after the maximum is printed from its /metrics), duration (40s),
 * max-duration (20s), engines (async), auth (on),
 * acs-cpus (none), gen-cpus (none: only reported; the script applies it), acs-heap (1g), acs-jvm (none: further
 * JVM options of the ACS, separated by spaces, e.g. {@code -XX:MaxGCPauseMillis=10}), port-base (0: free loopback
 * ports; else the ACS's CWMP port, its API on the next), out (paced-latency.json).
 */
public final class PacedLatencyMain {

    private static final Pattern BUCKET = Pattern.compile(
            "^lodestar_session_duration_seconds_bucket\\{outcome=\"ok\",le=\"([^\"]+)\"} (\\S+)$", Pattern.MULTILINE);

    private record Row(String label, String engine, PhaseResult p, double acsCpuMsPerSession, AcsView acs,
                       String loadBefore, String loadAfter, double rate) {}

    /** The ACS's session-duration histogram over one run (bucket upper bounds in seconds, counts). */
    record AcsView(TreeMap<Double, Double> buckets) {
        long count() {
            return buckets.isEmpty() ? 0 : Math.round(buckets.lastEntry().getValue());
        }

        /** The quantile in ms, linear within its bucket (as histogram_quantile); the +Inf bucket answers its floor. */
        double quantileMs(double q) {
            double total = buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
            if (total <= 0) {
                return 0;
            }
            double rank = q * total;
            double lowerBound = 0;
            double lowerCount = 0;
            for (Map.Entry<Double, Double> e : buckets.entrySet()) {
                if (e.getValue() >= rank) {
                    if (e.getKey().isInfinite()) {
                        return lowerBound * 1000;
                    }
                    double inBucket = e.getValue() - lowerCount;
                    double f = inBucket <= 0 ? 1 : (rank - lowerCount) / inBucket;
                    return (lowerBound + (e.getKey() - lowerBound) * f) * 1000;
                }
                lowerBound = e.getKey();
                lowerCount = e.getValue();
            }
            return lowerBound * 1000;
        }

        static AcsView between(String before, String after) {
            Map<Double, Double> a = parse(before);
            TreeMap<Double, Double> d = new TreeMap<>();
            parse(after).forEach((le, c) -> d.put(le, c - a.getOrDefault(le, 0.0)));
            return new AcsView(d);
        }

        private static Map<Double, Double> parse(String scrape) {
            Map<Double, Double> m = new TreeMap<>();
            Matcher x = BUCKET.matcher(scrape);
            while (x.find()) {
                double le = x.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(x.group(1));
                m.put(le, Double.parseDouble(x.group(2)));
            }
            return m;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("devices", "2000");
        o.put("concurrency", "1000");
        o.put("max-concurrency", "50");
        o.put("fraction", "0.5");
        o.put("rate", "0");
        o.put("warmup", "15s");
        o.put("duration", "40s");
        o.put("max-duration", "20s");
        o.put("max-warmup", "");
        o.put("engines", "async");
        o.put("auth", "on");
        o.put("acs-cpus", "");
        o.put("gen-cpus", "");
        o.put("acs-heap", "1g");
        o.put("acs-jvm", "");
        o.put("port-base", "0");
        o.put("out", "paced-latency.json");
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || !o.containsKey(args[i].substring(2)) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + "; known: " + o.keySet());
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        int devices = Integer.parseInt(o.get("devices"));
        int concurrency = Integer.parseInt(o.get("concurrency"));
        int maxConcurrency = Integer.parseInt(o.get("max-concurrency"));
        double fraction = Double.parseDouble(o.get("fraction"));
        double fixedRate = Double.parseDouble(o.get("rate"));
        Duration warmup = seconds(o.get("warmup"));
        Duration duration = seconds(o.get("duration"));
        Duration maxDuration = seconds(o.get("max-duration"));
        Duration maxWarmup = o.get("max-warmup").isEmpty() ? warmup : seconds(o.get("max-warmup"));
        boolean auth = !o.get("auth").equalsIgnoreCase("off");
        List<LoadConfig.Engine> engines = new ArrayList<>();
        for (String e : o.get("engines").split(",")) {
            engines.add(LoadConfig.Engine.fromCli(e));
        }
        if (devices < 1 || concurrency < 1 || maxConcurrency < 1 || !(fraction > 0) || fixedRate < 0) {
            throw new IllegalArgumentException("devices, concurrency, max-concurrency at least 1; fraction above 0");
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "paced latency: %d devices, %d in flight at %s, CPE authentication %s, engines %s, "
                        + "ACS cpus [%s] JVM options [%s], generator cpus [%s], %d processors here, Java %s%n", devices,
                concurrency,
                fixedRate > 0 ? fixedRate + "/s" : fraction + " x the measured maximum", auth ? "on" : "off", engines,
                o.get("acs-cpus"), o.get("acs-jvm"), o.get("gen-cpus"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        Path dir = Files.createTempDirectory("lodestar-paced-");
        List<Row> rows = new ArrayList<>();
        StringBuilder json = new StringBuilder("{\"runs\":[");
        try (ChildAcs acs = ChildAcs.start(dir, auth, o.get("acs-cpus"), o.get("acs-heap"), o.get("acs-jvm"),
                Integer.parseInt(o.get("port-base")))) {
            String[] c = auth ? acs.credentials() : new String[] {null, null};
            out.println("ACS pid " + acs.pid() + " at " + acs.url() + " (log " + acs.log() + ")");
            run(acs.url(), devices, 50, 0, Scenario.DISCOVERY, Duration.ofMinutes(30), c, LoadConfig.Engine.ASYNC, out);
            double rate = fixedRate;
            if (rate == 0) {
                run(acs.url(), devices, maxConcurrency, 0, Scenario.PERIODIC, maxWarmup, c, LoadConfig.Engine.ASYNC,
                        out);
                double compiledBefore = acs.compilationSeconds();
                Row max = measured(acs, "maximum (closed loop)", devices, maxConcurrency, 0, maxDuration, c,
                        LoadConfig.Engine.ASYNC, out);
                out.printf(Locale.ROOT, "the ACS's JIT compile time: %.1f s before the maximum, %.1f s during it%n",
                        compiledBefore, acs.compilationSeconds() - compiledBefore);
                rows.add(max);
                json.append(rowJson(max));
                rate = Math.max(1, Math.floor(max.p().sessionsPerSecond() * fraction));
                out.printf(Locale.ROOT, "maximum %.0f sessions/s: paced at %.0f/s%n", max.p().sessionsPerSecond(), rate);
            }
            for (LoadConfig.Engine engine : engines) {
                run(acs.url(), devices, concurrency, rate, Scenario.PERIODIC, warmup, c, engine, out);
                Row r = measured(acs, "paced", devices, concurrency, rate, duration, c, engine, out);
                rows.add(r);
                json.append(json.charAt(json.length() - 1) == '[' ? "" : ",").append(rowJson(r));
            }
        } finally {
            // the ACS's log and GC log stay beside the JSON (the data directory goes)
            for (String f : List.of("acs.log", "gc.log")) {
                if (Files.exists(dir.resolve(f))) {
                    Files.copy(dir.resolve(f), Path.of(o.get("out") + "." + f),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            deleteTree(dir);
        }
        json.append("]}");
        Files.writeString(Path.of(o.get("out")), json + "\n", StandardCharsets.UTF_8);
        out.println();
        out.println(table(rows));
        out.println("JSON: " + Path.of(o.get("out")).toAbsolutePath());
    }

    private static Row measured(ChildAcs acs, String label, int devices, int concurrency, double rate, Duration d,
                                String[] c, LoadConfig.Engine engine, PrintStream out) throws Exception {
        String before = acs.scrapeOrEmpty(out);
        String loadBefore = loadAverage();
        double cpu0 = acs.cpuSeconds();
        LoadReport report = run(acs.url(), devices, concurrency, rate, Scenario.PERIODIC, d, c, engine, out);
        double cpu1 = acs.cpuSeconds();
        String loadAfter = loadAverage();
        AcsView view = AcsView.between(before, acs.scrapeOrEmpty(out));
        PhaseResult p = report.measured();
        long sessions = p.ok() + p.failed();
        Row row = new Row(label, engine.name().toLowerCase(Locale.ROOT), p,
                sessions == 0 ? 0 : (cpu1 - cpu0) * 1000 / sessions, view, loadBefore, loadAfter, rate);
        out.print(table(List.of(row))); // each row as soon as it is measured: a later failure keeps it
        return row;
    }

    private static LoadReport run(URI url, int devices, int concurrency, double rate, Scenario scenario, Duration d,
                                  String[] c, LoadConfig.Engine engine, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "%s, %d in flight%s, engine %s, %ds%n", scenario.cliName(), concurrency,
                rate > 0 ? String.format(Locale.ROOT, ", %.0f/s", rate) : "", engine, d.toSeconds());
        LoadConfig config = new LoadConfig(url, DataModel.ipPhone("PACED000000"), devices, "PACED", scenario,
                concurrency, rate, d, 0, false, d, 0.01, c[0], c[1], false, Duration.ofSeconds(30),
                Duration.ofSeconds(10), null, null, true, engine);
        return new LoadGenerator(config, out).run();
    }

    static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| run | engine | rate asked /s | sessions ok | failed | sessions/s | latency p50 / p90 / p99 / max ms "
                + "| service p50 / p99 ms | start lag p99 ms | ACS session p50 / p90 / p99 ms (its histogram) "
                + "| generator CPU ms/session | ACS CPU ms/session | load average before → after |\n");
        sb.append("|---|---|---:|---:|---:|---:|---|---|---:|---|---:|---:|---|\n");
        for (Row r : rows) {
            PhaseResult p = r.p();
            sb.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %d | %d | %.0f | %.1f / %.1f / %.1f / %.1f | %.1f / %.1f | %.1f | %.1f / %.1f / %.1f | %.3f | %.3f | %s → %s |%n",
                    r.label(), r.engine(), r.rate() > 0 ? String.format(Locale.ROOT, "%.0f", r.rate()) : "-", p.ok(),
                    p.failed(), p.sessionsPerSecond(), p.sessionMillis(50), p.sessionMillis(90), p.sessionMillis(99),
                    p.sessionMillis(100), p.serviceMillis(50), p.serviceMillis(99),
                    p.startLagMicros().getTotalCount() == 0 ? 0.0 : p.startLagMicros().getValueAtPercentile(99) / 1000.0,
                    r.acs().quantileMs(0.5), r.acs().quantileMs(0.9), r.acs().quantileMs(0.99), p.cpuMillisPerSession(),
                    r.acsCpuMsPerSession(), r.loadBefore(), r.loadAfter()));
        }
        return sb.toString();
    }

    private static String rowJson(Row r) {
        return String.format(Locale.ROOT, "{\"run\":\"%s\",\"engine\":\"%s\",\"rate\":%.1f,\"acsCpuMsPerSession\":%.4f,"
                        + "\"acsSessions\":%d,\"acsSessionMs\":{\"p50\":%.2f,\"p90\":%.2f,\"p99\":%.2f},"
                        + "\"loadAverageBefore\":\"%s\",\"loadAverageAfter\":\"%s\",\"generator\":%s}",
                r.label(), r.engine(), r.rate(), r.acsCpuMsPerSession(), r.acs().count(), r.acs().quantileMs(0.5),
                r.acs().quantileMs(0.9), r.acs().quantileMs(0.99), r.loadBefore(), r.loadAfter(), r.p().toJson());
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static Duration seconds(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        return Duration.ofSeconds(Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + dir + ": " + e.getMessage());
        }
    }

    /** {@code lodestar run} in a child JVM on this classpath, on free loopback ports, optionally under taskset. */
    static final class ChildAcs implements AutoCloseable {
        private final Process process;
        private final Path data;
        private final Path log;
        private final int cwmpPort;
        private final int apiPort;
        private final HttpClient http = HttpClient.newHttpClient();

        private ChildAcs(Process process, Path data, Path log, int cwmpPort, int apiPort) {
            this.process = process;
            this.data = data;
            this.log = log;
            this.cwmpPort = cwmpPort;
            this.apiPort = apiPort;
        }

        static ChildAcs start(Path dir, boolean auth, String cpus, String heap, String jvmOptions, int portBase)
                throws Exception {
            int cwmp = portBase > 0 ? portBase : freePort();
            int api = portBase > 0 ? portBase + 1 : freePort();
            Path data = dir.resolve("data");
            Path log = dir.resolve("acs.log");
            List<String> cmd = new ArrayList<>();
            if (!cpus.isBlank()) {
                cmd.addAll(List.of("taskset", "-c", cpus));
            }
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms" + heap,
                    "-Xmx" + heap, "-Xlog:gc:file=" + dir.resolve("gc.log")));
            for (String option : jvmOptions.strip().split("\\s+")) {
                if (!option.isEmpty()) {
                    cmd.add(option);
                }
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.lodestar.acs.server.cli.LodestarCommand",
                    "run", "--data", data.toString(),
                    "--cwmp-port", Integer.toString(cwmp), "--bind", "127.0.0.1", "-s", "api.port=" + api,
                    "-s", "files.port=0", "-s", "stun.port=0", "-s", "session.discovery=full-tree",
                    "-s", "session.values-per-request=1000", "-s", "store.sync=false",
                    "-s", "cwmp.auth.mode=" + (auth ? "on" : "off")));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ChildAcs acs = new ChildAcs(p, data, log, cwmp, api);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (true) {
                if (!p.isAlive()) {
                    throw new IOException("the ACS exited with " + p.exitValue() + "; see " + log);
                }
                try {
                    acs.scrape();
                    return acs;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        acs.close();
                        throw new IOException("the ACS did not answer /metrics within 2 minutes; see " + log);
                    }
                    p.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS); // wakes early if it exits
                }
            }
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + cwmpPort + "/");
        }

        long pid() {
            return process.pid();
        }

        Path log() {
            return log;
        }

        /** A scrape, or "" (no ACS view for that run) when the ACS does not answer in time. */
        String scrapeOrEmpty(PrintStream out) {
            try {
                return scrape();
            } catch (IOException e) {
                out.println("no /metrics scrape (" + e + "): the ACS view of this run is missing; see " + log);
                return "";
            }
        }

        String scrape() throws IOException {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + apiPort + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IOException("/metrics answered " + r.statusCode());
                }
                return r.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        /** How long the child's JIT compilers have worked so far (its /metrics), or NaN if it does not say. */
        double compilationSeconds() {
            try {
                double ms = 0;
                boolean found = false;
                for (String line : scrape().split("\n")) {
                    if (line.startsWith("jvm_compilation_time_ms_total")) {
                        ms += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        found = true;
                    }
                }
                return found ? ms / 1000 : Double.NaN;
            } catch (IOException | NumberFormatException e) {
                return Double.NaN;
            }
        }

        /** The child's CPU time (user + system) so far. */
        double cpuSeconds() {
            return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        }

        String[] credentials() throws IOException {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(data.resolve("cpe-credentials"))) {
                p.load(r);
            }
            return new String[] {p.getProperty("username"), p.getProperty("password")};
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }
    }
}
