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
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.client.Simulator;
import io.lodestar.acs.sim.model.DataModel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Connection request latency on an idle ACS (docs/connection-requests.md): N simulated phones listening for
 * connection requests bootstrap against a real ACS (embedded store, synced writes, as {@code lodestar run}), get
 * their credentials through the API, then each gets one {@code POST /api/v1/devices/{id}/tasks?connectionRequest=true&wait=30}
 * of a SetParameterValues, at most C at once. Measured per device, on the client's clock (one machine):
 * <ul>
 *   <li>session start: from just before the API call to the ACS's receipt of the device's Inform with
 *   6 CONNECTION REQUEST (the attempt's SESSION_STARTED time, read from the answer);</li>
 *   <li>value applied: from just before the API call to its 200 answer (the task DONE, its value stored).</li>
 * </ul>
 * Arguments: {@code [devices=1000] [concurrency=4]}.
 */
public final class WakeLatencyMain {

    private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dir = Files.createTempDirectory("lodestar-wake-bench-");
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("cwmp.bind", "127.0.0.1");
        flags.put("cwmp.port", "0");
        flags.put("api.port", "0");
        flags.put("api.rate-limit", "0");
        flags.put("store.path", dir.resolve("data").toString());
        flags.put("connreq.rate", "0");
        // the set-up's bootstraps discover in one GetParameterNames and GetParameterValues (as the session benchmark)
        flags.put("session.discovery", "full-tree");
        flags.put("session.values-per-request", "1000");
        try (LodestarServer acs = LodestarServer.start(AcsConfig.from(Settings.load(null, Map.of(), flags)));
             Simulator sim = new Simulator(2)) {
            URI cwmp = URI.create("http://127.0.0.1:" + acs.cwmpPort() + "/");
            String api = "http://127.0.0.1:" + acs.apiPort();
            String token = Files.readString(dir.resolve("data").resolve("admin-token")).trim();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(4)).build();

            List<SimulatedCpe> phones = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                phones.add(sim.cpe(cwmp, DataModel.ipPhone(String.format(Locale.ROOT, "WAKE%06d", i)),
                        CpeOptions.defaults().withConnectionRequests(true)));
            }
            long t = System.nanoTime();
            Semaphore bootstraps = new Semaphore(32);
            List<CompletableFuture<?>> booted = new ArrayList<>();
            for (SimulatedCpe p : phones) {
                bootstraps.acquire();
                booted.add(p.runSession().whenComplete((r, e) -> bootstraps.release()).thenAccept(r -> {
                    if (!r.ok()) {
                        throw new IllegalStateException(p + ": " + r.failure());
                    }
                }));
            }
            CompletableFuture.allOf(booted.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
            System.err.printf("%d phones bootstrapped in %.1f s%n", devices, (System.nanoTime() - t) / 1e9);
            for (SimulatedCpe p : phones) {
                HttpResponse<String> put = http.send(request(api, token, "PUT", "/api/v1/devices/" + id(p).value()
                        + "/connection-request-credentials", "{\"username\":\"" + p.deviceId().serialNumber()
                        + "\",\"password\":\"\"}"), HttpResponse.BodyHandlers.ofString());
                check(put, 204);
            }

            long[] sessionStart = new long[devices];
            long[] applied = new long[devices];
            ExecutorService callers = Executors.newFixedThreadPool(concurrency);
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            long measured = System.nanoTime();
            for (int i = 0; i < devices; i++) {
                int n = i;
                SimulatedCpe p = phones.get(i);
                runs.add(CompletableFuture.runAsync(() -> {
                    try {
                        Instant before = Instant.now();
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(request(api, token, "POST", "/api/v1/devices/" + id(p).value()
                                + "/tasks?connectionRequest=true&wait=30", "{\"type\":\"setParameterValues\",\"values\":"
                                + "[{\"path\":\"" + INTERVAL + "\",\"value\":\"" + (600 + n) + "\"}]}"),
                                HttpResponse.BodyHandlers.ofString());
                        applied[n] = (System.nanoTime() - t0) / 1000;
                        check(r, 200);
                        JsonNode cr = JSON.readTree(r.body()).get("connectionRequest");
                        if (cr == null || !"SESSION_STARTED".equals(cr.get("outcome").asText())) {
                            throw new IllegalStateException(p + ": " + r.body());
                        }
                        sessionStart[n] = Duration.between(before, Instant.parse(cr.get("outcomeAt").asText()))
                                .toNanos() / 1000;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, callers));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - measured) / 1e9;
            callers.shutdown();
            System.out.printf(Locale.ROOT, "%d devices, %d API callers at once, %.1f s (%.0f wakes/s)%n", devices,
                    concurrency, seconds, devices / seconds);
            System.out.println("| from the API call to | p50 | p99 | max |");
            System.out.println("| --- | --- | --- | --- |");
            row("the device's session start (Inform 6 CONNECTION REQUEST received)", sessionStart);
            row("the value applied (task DONE and stored: the API's 200)", applied);
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }
}
