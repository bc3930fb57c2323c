package io.lodestar.acs.bench.connreq;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.IdentityScheme;
import io.lodestar.acs.sim.client.SimulatedCpe;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/** What the wake benchmarks share: API requests to the ACS, the phones' ids and the latency rows they print. */
final class WakeCalls {

    private WakeCalls() {
    }

    static DeviceId id(SimulatedCpe p) {
        return IdentityScheme.OUI_PRODUCTCLASS_SERIAL.idOf(p.deviceId());
    }

    static HttpRequest request(String api, String token, String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static void check(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.uri() + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** A markdown row: p50, p99 and max of the latencies (microseconds), in milliseconds. */
    static void row(String what, long[] micros) {
        long[] s = micros.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms |%n", what, pct(s, 0.50), pct(s, 0.99),
                s[s.length - 1] / 1000.0);
    }

    static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }
}
