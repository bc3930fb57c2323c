package io.lodestar.acs.bench.load;

import io.lodestar.acs.sim.load.LoadConfig;
import io.lodestar.acs.sim.load.LoadGenerator;
import io.lodestar.acs.sim.load.LoadReport;
import io.lodestar.acs.sim.load.PhaseResult;
import io.lodestar.acs.sim.load.Scenario;
import io.lodestar.acs.sim.model.DataModel;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load benchmark of issue 21 in one run: the same periodic scenario of {@code lodestar load} (devices informing
 * 2 PERIODIC as fast as {@code concurrency} connections allow) measured against
 * <ol>
 *   <li>the limit: a trivial Netty handler on this machine ({@link TrivialAcs}: Inform, one GetParameterValues, 204);</li>
 *   <li>a fresh ACS with CPE authentication on (as shipped), its devices registered first by one discovery each,
 *       the devices presenting their last Digest nonce at each new session (as many CPEs do; {@code acs-auth});</li>
 *   <li>the same with a 401 challenge at every session ({@code acs-auth-401}: CPEs that never reuse a nonce);</li>
 *   <li>a fresh ACS with CPE authentication off.</li>
 * </ol>
 * Each target gets a warm-up run (discarded), then a measured run. The whole list of targets runs {@code rounds}
 * times in the one JVM and the table shows the last round: in a single round each later target ran on code the
 * earlier ones had already compiled, so whichever target came first looked dearer (the ACS without
 * authentication cost 1.36 ms of CPU per session as the first target, 1.12 ms as the third). Prints a markdown table
 * with the ratios to the limit, and writes every round's JSON summaries to {@code --out}.
 *
 * <p>Options ({@code --name value}): devices (2000), concurrency (50), duration (20s), warmup (10s), sync (false),
 * out (load-benchmark.json), targets (trivial,acs-auth,acs-auth-401,acs-noauth), rounds (2).
 */
public final class LoadBenchmarkMain {

    private record Row(String target, PhaseResult measured, int requestsPerSession) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("devices", "2000", "concurrency", "50", "duration", "20s",
                "warmup", "10s", "sync", "false", "out", "load-benchmark.json",
                "targets", "trivial,acs-auth,acs-auth-401,acs-noauth", "rounds", "2"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !o.containsKey(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + o.keySet());
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        int devices = Integer.parseInt(o.get("devices"));
        int concurrency = Integer.parseInt(o.get("concurrency"));
        Duration duration = seconds(o.get("duration"));
        Duration warmup = seconds(o.get("warmup"));
        boolean sync = Boolean.parseBoolean(o.get("sync"));
        List<String> targets = List.of(o.get("targets").split(","));
        int rounds = Integer.parseInt(o.get("rounds"));
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds takes 1 or more, not " + rounds);
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "load benchmark: periodic, %d devices, concurrency %d, warm-up %ds, measured %ds, "
                        + "store.sync=%s, %d processors, Java %s%n", devices, concurrency, warmup.toSeconds(),
                duration.toSeconds(), sync, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        List<Row> rows = new ArrayList<>();
        StringBuilder json = new StringBuilder("[");
        for (int round = 1; round <= rounds; round++) {
            out.printf(Locale.ROOT, "round %d of %d%s%n", round, rounds, round < rounds ? " (warms the JVM, not shown)" : "");
            rows.clear();
            for (String target : targets) {
                Measured m = measure(target.trim(), devices, concurrency, warmup, duration, sync, out);
                rows.add(m.row());
                json.append(json.length() > 1 ? "," : "").append("{\"round\":").append(round).append(",\"target\":\"")
                        .append(target.trim()).append("\",\"report\":").append(m.report().toJson()).append('}');
            }
        }
        json.append(']');
        Files.writeString(Path.of(o.get("out")), json + "\n", StandardCharsets.UTF_8);
        out.println();
        out.println(table(rows));
        out.println("JSON: " + Path.of(o.get("out")).toAbsolutePath());
    }

    private record Measured(Row row, LoadReport report) {}

    /** One target: a warm-up run (priming a fresh ACS's devices first), then the measured run. */
    private static Measured measure(String target, int devices, int concurrency, Duration warmup, Duration duration,
                                    boolean sync, PrintStream out) throws Exception {
        LoadReport measured;
        int requests;
        switch (target) {
            case "trivial" -> {
                try (TrivialAcs limit = new TrivialAcs()) {
                    run(limit.url(), devices, concurrency, warmup, false, null, null, true, "warm-up", out);
                    measured = run(limit.url(), devices, concurrency, duration, false, null, null, true, "measured", out);
                }
                requests = 3;
            }
            case "acs-auth", "acs-auth-401", "acs-noauth" -> {
                boolean auth = !target.equals("acs-noauth");
                boolean reuse = !target.equals("acs-auth-401");
                try (FreshAcs acs = FreshAcs.start(auth, sync, devices)) {
                    String[] c = auth ? acs.credentials() : new String[] {null, null};
                    run(acs.url(), devices, concurrency, warmup, true, c[0], c[1], reuse, "prime+warm-up", out);
                    measured = run(acs.url(), devices, concurrency, duration, false, c[0], c[1], reuse, "measured", out);
                }
                requests = auth && !reuse ? 3 : 2; // with nonce reuse a 401 only when a nonce went stale
            }
            default -> throw new IllegalArgumentException("unknown target " + target);
        }
        return new Measured(new Row(target, measured.measured(), requests), measured);
    }

    private static LoadReport run(URI url, int devices, int concurrency, Duration duration, boolean prime,
                                  String user, String password, boolean reuseNonce, String label, PrintStream out)
            throws Exception {
        out.printf("%s: %s%n", label, url);
        LoadConfig config = new LoadConfig(url, DataModel.ipPhone("BENCH0000000"), devices, "BENCH", Scenario.PERIODIC,
                concurrency, 0, duration, 0, prime, Duration.ofMinutes(30), 0.01, user, password, false,
                Duration.ofSeconds(30), Duration.ofSeconds(5), null, null, reuseNonce);
        return new LoadGenerator(config, out).run();
    }

    static String table(List<Row> rows) {
        PhaseResult limit = rows.stream().filter(r -> r.target().equals("trivial")).map(Row::measured).findFirst()
                .orElse(null);
        StringBuilder sb = new StringBuilder();
        sb.append("| target | HTTP requests/session (measured) | sessions ok | failed | sessions/s | session p50 ms | p90 ms | p99 ms "
                + "| max ms | request p99 ms | CPU ms/session | sessions/s ÷ limit | p99 ÷ limit |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            PhaseResult p = r.measured();
            long sessions = p.ok() + p.failed();
            double requests = sessions == 0 ? 0 : (double) p.requestMicros().getTotalCount() / sessions;
            sb.append(String.format(Locale.ROOT, "| %s | %.2f | %d | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.3f | %s | %s |%n",
                    r.target(), requests, p.ok(), p.failed(), p.sessionsPerSecond(), p.sessionMillis(50),
                    p.sessionMillis(90), p.sessionMillis(99), p.sessionMillis(100), p.requestMillis(99), p.cpuMillisPerSession(),
                    limit == null ? "-" : String.format(Locale.ROOT, "%.3f", p.sessionsPerSecond() / limit.sessionsPerSecond()),
                    limit == null ? "-" : String.format(Locale.ROOT, "%.1f", p.sessionMillis(99) / limit.sessionMillis(99))));
        }
        return sb.toString();
    }

    private static Duration seconds(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        return Duration.ofSeconds(Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v));
    }
}
