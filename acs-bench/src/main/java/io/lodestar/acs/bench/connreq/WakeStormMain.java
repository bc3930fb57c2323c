package io.lodestar.acs.bench.connreq;

import static io.lodestar.acs.bench.connreq.WakeCalls.check;
import static io.lodestar.acs.bench.connreq.WakeCalls.id;
import static io.lodestar.acs.bench.connreq.WakeCalls.pct;
import static io.lodestar.acs.bench.connreq.WakeCalls.request;
import static io.lodestar.acs.bench.connreq.WakeCalls.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lodestar.acs.server.LodestarServer;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.Settings;
import io.lodestar.acs.sim.client.CpeOptions;
import io.lodestar.acs.sim.client.CpeStunClient;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.client.Simulator;
import io.lodestar.acs.sim.client.StunClientOptions;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.model.StunParameters;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connection request latency during a boot storm (issue 19, docs/connection-requests.md): M measured phones
 * bootstrap first (not measured) and are woken one API call each
 * ({@code POST .../tasks?connectionRequest=true&wait=30} of a SetParameterValues, C callers at once) while S other
 * phones start their {@code 0 BOOTSTRAP} sessions all at once (S = 0: an idle ACS). Measured as
 * {@link WakeLatencyMain}: to the session start (the attempt's SESSION_STARTED time) and to the value applied (the
 * 200). Transport {@code http}: the measured phones listen for HTTP connection requests on 127.0.0.1;
 * {@code udp}: they have no HTTP listener (their URL names a 10.x address, behind NAT as the ACS sees it) and keep a
 * binding with the ACS's built-in STUN server, which the UDP connection requests are sent from.
 * Arguments: {@code [measured=1000] [storm=20000] [concurrency=4] [http|udp]}.
 *
 * <p>A storm given as {@code load:N:C} (e.g. {@code load:20000:500}) is driven by another process instead:
 * {@code lodestar load --scenario boot-storm --devices N --concurrency C --connect-per-session --no-prime} against
 * this ACS (first contact of N phones, at most C sessions at once, each on a connection of its own, failures retried
 * with the TR-069 back-off), started once the measured phones are ready; the wakes begin when its first sessions are
 * in progress, and it is stopped (its process, started here) when the wakes are done. One process then holds at
 * most C storm connections, not two sockets per phone: the file-descriptor limit no longer bounds the storm.
 * {@code acs-bench/run-wake-storm.sh} runs it.
 */
public final class WakeStormMain {

    private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String stormArg = args.length > 1 ? args[1] : "20000";
        boolean external = stormArg.startsWith("load:");
        int storm = external ? Integer.parseInt(stormArg.split(":")[1]) : Integer.parseInt(stormArg);
        int loadConcurrency = external ? Integer.parseInt(stormArg.split(":")[2]) : 0;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        boolean udp = args.length > 3 && args[3].equalsIgnoreCase("udp");
        Path dir = Files.createTempDirectory("lodestar-storm-bench-");
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("cwmp.bind", "127.0.0.1");
        flags.put("cwmp.port", "0");
        flags.put("api.port", "0");
        flags.put("files.port", "0");
        flags.put("api.rate-limit", "0");
        flags.put("store.path", dir.resolve("data").toString());
        flags.put("connreq.rate", "0");
        flags.put("cwmp.auth.mode", "off");
        flags.put("session.discovery", "full-tree");
        flags.put("session.values-per-request", "1000");
        flags.put("stun.enabled", Boolean.toString(udp));
        flags.put("stun.bind", "127.0.0.1");
        flags.put("stun.port", "0");
        List<AutoCloseable> stunClients = new ArrayList<>();
        try (LodestarServer acs = LodestarServer.start(AcsConfig.from(Settings.load(null, Map.of(), flags)));
             Simulator sim = new Simulator(2)) {
            URI cwmp = URI.create("http://127.0.0.1:" + acs.cwmpPort() + "/");
            String api = "http://127.0.0.1:" + acs.apiPort();
            String token = Files.readString(dir.resolve("data").resolve("admin-token")).trim();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(4)).build();

            List<SimulatedCpe> phones = new ArrayList<>();
            List<CpeStunClient> clients = new ArrayList<>();
            for (int i = 0; i < measured; i++) {
                String serial = String.format(Locale.ROOT, "WAKE%06d", i);
                if (udp) {
                    DataModel model = StunParameters.withStun(DataModel.ipPhone(serial));
                    model.set(StunParameters.managementServer(model, "STUNEnable"), "true");
                    model.set(StunParameters.managementServer(model, "STUNServerAddress"), "127.0.0.1");
                    model.set(StunParameters.managementServer(model, "STUNServerPort"), Integer.toString(acs.stunPort()));
                    SimulatedCpe p = sim.cpe(cwmp, model, CpeOptions.defaults());
                    phones.add(p);
                    CpeStunClient c = CpeStunClient.start(p, StunClientOptions.defaults().withKeepAlive(Duration.ofSeconds(25)));
                    clients.add(c);
                    stunClients.add(c);
                } else {
                    phones.add(sim.cpe(cwmp, DataModel.ipPhone(serial), CpeOptions.defaults().withConnectionRequests(true)));
                }
            }
            long t = System.nanoTime();
            runAll(phones, 32, true);
            System.err.printf("%d measured phones bootstrapped in %.1f s%n", measured, (System.nanoTime() - t) / 1e9);
            // every phone's first Binding Response (its binding is learned), within a minute or the run is void
            long bindingsBy = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            for (CpeStunClient c : clients) {
                while (c.stats().bindingResponses() == 0) {
                    if (System.nanoTime() > bindingsBy) {
                        throw new IllegalStateException("a STUN client got no Binding Response within a minute");
                    }
                    Thread.sleep(50); // the benchmark's poll of the client's counter (no event to await)
                }
            }
            for (SimulatedCpe p : phones) {
                HttpResponse<String> put = http.send(request(api, token, "PUT", "/api/v1/devices/" + id(p).value()
                        + "/connection-request-credentials", "{\"username\":\"" + p.deviceId().serialNumber()
                        + "\",\"password\":\"\"}"), HttpResponse.BodyHandlers.ofString());
                check(put, 204);
            }
            List<SimulatedCpe> storming = new ArrayList<>();
            for (int i = 0; i < (external ? 0 : storm); i++) {
                storming.add(sim.cpe(cwmp, DataModel.ipPhone(String.format(Locale.ROOT, "BOOT%06d", i)),
                        CpeOptions.defaults()));
            }

            // the storm: every other phone starts its bootstrap at once
            AtomicInteger stormOk = new AtomicInteger();
            AtomicInteger stormFailed = new AtomicInteger();
            AtomicLong stormEnd = new AtomicLong();
            long stormStart = System.nanoTime();
            List<CompletableFuture<?>> stormRuns = new ArrayList<>();
            AtomicInteger stormRetries = new AtomicInteger();
            for (SimulatedCpe p : storming) {
                stormRuns.add(bootUntilOk(p, 30, stormOk, stormFailed, stormRetries, stormEnd));
            }
            Process load = null;
            if (external) {
                load = startLoad(cwmp, storm, loadConcurrency, dir.resolve("load.json"));
                // the wakes begin once the storm's sessions are in progress on the ACS
                long by = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (acs.cwmp().sessionsInProgress() == 0 && load.isAlive() && System.nanoTime() < by) {
                    Thread.sleep(20); // the benchmark's poll of the endpoint's gauge (no event to await)
                }
                System.err.printf("storm under way: %d sessions in progress%n", acs.cwmp().sessionsInProgress());
                Process started = load;
                stormRuns.add(started.onExit().thenAccept(x -> stormEnd.set(System.nanoTime())));
            }

            long[] sessionStart = new long[measured];
            long[] applied = new long[measured];
            long[] startedAt = new long[measured];
            Map<String, Integer> failures = new java.util.concurrent.ConcurrentSkipListMap<>();
            ExecutorService callers = Executors.newFixedThreadPool(concurrency);
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            long measuredStart = System.nanoTime();
            for (int i = 0; i < measured; i++) {
                int n = i;
                SimulatedCpe p = phones.get(i);
                runs.add(CompletableFuture.runAsync(() -> {
                    try {
                        Instant before = Instant.now();
                        long t0 = System.nanoTime();
                        startedAt[n] = t0;
                        HttpResponse<String> r = http.send(request(api, token, "POST", "/api/v1/devices/" + id(p).value()
                                + "/tasks?connectionRequest=true&wait=30", "{\"type\":\"setParameterValues\",\"values\":"
                                + "[{\"path\":\"" + INTERVAL + "\",\"value\":\"" + (600 + n) + "\"}]}"),
                                HttpResponse.BodyHandlers.ofString());
                        applied[n] = (System.nanoTime() - t0) / 1000;
                        JsonNode cr = JSON.readTree(r.body()).get("connectionRequest");
                        String outcome = cr == null ? "none" : cr.get("outcome").asText();
                        if (r.statusCode() != 200 || !"SESSION_STARTED".equals(outcome)) {
                            // not reached in time: counted apart, kept out of the percentiles
                            failures.merge(r.statusCode() + " " + outcome, 1, Integer::sum);
                            applied[n] = -1;
                            return;
                        }
                        sessionStart[n] = Duration.between(before, Instant.parse(cr.get("outcomeAt").asText()))
                                .toNanos() / 1000;
                    } catch (Exception e) {
                        failures.merge(e.toString(), 1, Integer::sum);
                        applied[n] = -1;
                    }
                }, callers));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - measuredStart) / 1e9;
            callers.shutdown();
            if (load != null && load.isAlive()) {
                stormEnd.set(System.nanoTime()); // still storming when the wakes were done: all of them were during it
                load.destroy(); // the storm process this run started
                load.waitFor(30, TimeUnit.SECONDS);
                if (load.isAlive()) {
                    load.destroyForcibly();
                }
            }
            CompletableFuture.allOf(stormRuns.toArray(CompletableFuture[]::new)).get(60, TimeUnit.MINUTES);
            if (external && Files.exists(dir.resolve("load.json"))) {
                System.out.println("storm process's summary: " + Files.readString(dir.resolve("load.json")).strip());
            }
            long during = Arrays.stream(startedAt).filter(s -> storm > 0 && s < stormEnd.get()).count();
            System.out.printf(Locale.ROOT, "%s: %d measured devices, %d API callers at once, %.1f s (%.0f wakes/s)%n",
                    udp ? "UDP through the STUN server" : "HTTP", measured, concurrency, seconds, measured / seconds);
            if (external) {
                System.out.printf(Locale.ROOT, "storm: lodestar load --scenario boot-storm --devices %d --concurrency %d"
                                + " --connect-per-session --no-prime in another process; %d of the %d wakes started"
                                + " during it%n", storm, loadConcurrency, during, measured);
            } else if (storm > 0) {
                System.out.printf(Locale.ROOT, "storm: %d phones booting at once (a failed session, e.g. shed with 503,"
                                + " is tried again 1 s later, as a CPE would), %d bootstrapped, %d gave up, %d retries; all"
                                + " done %.1f s after they started; %d of the %d wakes started during it%n",
                        storm, stormOk.get(), stormFailed.get(), stormRetries.get(), (stormEnd.get() - stormStart) / 1e9,
                        during, measured);
            }
            System.out.printf("not reached within wait=30 (status and outcome: count): %s%n",
                    failures.isEmpty() ? "none" : failures);
            long[] okStart = java.util.stream.IntStream.range(0, measured).filter(i -> applied[i] >= 0)
                    .mapToLong(i -> sessionStart[i]).toArray();
            long[] okApplied = Arrays.stream(applied).filter(a -> a >= 0).toArray();
            System.out.println("| from the API call to | p50 | p99 | max |");
            System.out.println("| --- | --- | --- | --- |");
            row("the device's session start (Inform 6 CONNECTION REQUEST received)", okStart);
            row("the value applied (task DONE and stored: the API's 200)", okApplied);
            if (storm > 0 && during > 0) {
                long end = stormEnd.get();
                long[] stormStartTimes = java.util.stream.IntStream.range(0, measured)
                        .filter(i -> applied[i] >= 0 && startedAt[i] < end).mapToLong(i -> sessionStart[i]).toArray();
                long[] stormApplied = java.util.stream.IntStream.range(0, measured)
                        .filter(i -> applied[i] >= 0 && startedAt[i] < end).mapToLong(i -> applied[i]).toArray();
                if (stormApplied.length > 0) {
                    System.out.printf("only the %d wakes started during the storm:%n", stormApplied.length);
                    row("the device's session start", stormStartTimes);
                    row("the value applied", stormApplied);
                }
            }
            System.out.flush();
            for (AutoCloseable c : stunClients) {
                c.close(); // before the simulator's loops stop
            }
            stunClients.clear();
        } finally {
            for (AutoCloseable c : stunClients) {
                c.close();
            }
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    /** {@code lodestar load}'s boot storm in a process of its own (same class path), its output in a file. */
    private static Process startLoad(URI cwmp, int devices, int concurrency, Path json) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + System.getProperty("storm.heap", "1g"),
                "-cp", System.getProperty("java.class.path"), "io.lodestar.acs.sim.LoadCommand",
                "--url", cwmp.toString(), "--scenario", "boot-storm", "--devices", Integer.toString(devices),
                "--concurrency", Integer.toString(concurrency), "--connect-per-session", "--no-prime",
                "--duration", System.getProperty("storm.duration", "30m"), "--progress", "10s",
                "--json", json.toString()));
        java.io.File log = new java.io.File(System.getProperty("storm.log", "wake-storm-load.log"));
        System.err.println("storm: " + String.join(" ", command.subList(4, command.size())) + " (output in " + log + ")");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log))
                .start();
    }

    /** Boots the phone, trying again 1 s after a failed session, at most {@code tries} times. */
    private static CompletableFuture<Void> bootUntilOk(SimulatedCpe p, int tries, AtomicInteger ok, AtomicInteger failed,
                                                      AtomicInteger retries, AtomicLong end) {
        return p.runSession().handle((r, e) -> r != null && r.ok()).thenCompose(done -> {
            if (done || tries <= 1) {
                (done ? ok : failed).incrementAndGet();
                end.accumulateAndGet(System.nanoTime(), Math::max);
                return CompletableFuture.completedFuture(null);
            }
            retries.incrementAndGet();
            return CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
                    .thenCompose(v -> bootUntilOk(p, tries - 1, ok, failed, retries, end));
        });
    }

    private static void runAll(List<SimulatedCpe> phones, int atOnce, boolean mustSucceed) throws Exception {
        Semaphore permits = new Semaphore(atOnce);
        List<CompletableFuture<?>> done = new ArrayList<>();
        for (SimulatedCpe p : phones) {
            permits.acquire();
            done.add(p.runSession().whenComplete((r, e) -> permits.release()).thenAccept(r -> {
                if (mustSucceed && !r.ok()) {
                    throw new IllegalStateException(p + ": " + r.failure());
                }
            }));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
    }
}
