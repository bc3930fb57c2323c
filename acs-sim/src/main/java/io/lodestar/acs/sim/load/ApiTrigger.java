package io.lodestar.acs.sim.load;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator's side of a connection-request storm: queues one task per device through the ACS's API with
 * {@code ?connectionRequest=true} (a GetParameterValues of DeviceInfo.UpTime), from a few threads, as fast as the
 * API answers. A refused queueing is counted as an error {@code api_<status>} and retried after a second (the API's
 * rate limit answers 429).
 */
final class ApiTrigger {

    private final URI api;
    private final String token;
    private final String root;
    private final LoadStats stats;
    private final AtomicBoolean stop;
    // HTTP/1.1: the JDK client's default h2c upgrade of a POST leaves the API's body read waiting (it answers 500)
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    ApiTrigger(URI api, String token, String root, LoadStats stats, AtomicBoolean stop) {
        this.api = api;
        this.token = token;
        this.root = root;
        this.stats = stats;
        this.stop = stop;
    }

    /** Starts a thread that queues the tasks with {@code threads} requests in flight; it ends when all are queued. */
    Thread startFor(List<LoadCpe> fleet, int threads) {
        Thread t = new Thread(() -> queueAll(fleet, threads), "load-api-trigger");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void queueAll(List<LoadCpe> fleet, int threads) {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    int n;
                    while (!stop.get() && (n = next.getAndIncrement()) < fleet.size()) {
                        queue(fleet.get(n));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "load-api-" + i);
            t.setDaemon(true);
            t.start();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void queue(LoadCpe cpe) throws InterruptedException {
        String id = URLEncoder.encode(cpe.acsDeviceId(), StandardCharsets.UTF_8).replace("+", "%20");
        URI uri = api.resolve("/api/v1/devices/" + id + "/tasks?connectionRequest=true");
        String body = "{\"type\":\"getParameterValues\",\"paths\":[\"" + root + "DeviceInfo.UpTime\"]}";
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int attempt = 0; attempt < 30 && !stop.get(); attempt++) {
            try {
                HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    stats.rpc("api:task-queued");
                    return;
                }
                stats.error("api_" + r.statusCode());
            } catch (java.io.IOException e) {
                stats.error("api_io");
            }
            Thread.sleep(1000);
        }
    }
}
