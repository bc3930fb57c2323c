package io.lodestar.acs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lodestar.acs.api.auth.Tokens;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DiscoveryState;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.device.Reachability;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real API on a free loopback port over a real embedded store seeded with three devices, and a JDK HTTP
 * client pinned to HTTP/1.1 (DefaultHttpClientTest covers the default version, whose h2c upgrade offer the API ignores).
 */
abstract class ApiFixture {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String SERIAL = "Device.DeviceInfo.SerialNumber";
    static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";
    static final String PC_A = "CP-8841-3PCC";
    static final String PC_B = "CP-8851-3PCC";
    static final DeviceId PHONE1 = new DeviceId("0CD0F8-CP-8841-3PCC-SIM000001");
    static final DeviceId PHONE2 = new DeviceId("0CD0F8-CP-8841-3PCC-SIM000002");
    static final DeviceId PHONE3 = new DeviceId("0CD0F8-CP-8851-3PCC-SIM000003");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    AcsStore store;
    MemoryTokenStore tokenStore;
    ApiServer api;
    final TaskCompletionNotifier completions = new TaskCompletionNotifier();
    String admin;
    String reader;
    String writer;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Map<String, String> settings() {
        return Map.of("api.port", "0");
    }

    @BeforeEach
    void startApi() throws IOException {
        store = RocksAcsStore.open(tmp.resolve("store"), IndexedParameters.of(SERIAL));
        seed();
        tokenStore = new MemoryTokenStore();
        api = ApiServer.builder().settings(ApiSettings.from(settings())).services(Services.over(store, Clock.systemUTC()))
                .tokenStore(tokenStore).cpeCredentials((io.lodestar.acs.store.CpeCredentialStore) store, "Lodestar ACS")
                .completions(completions).dataDir(tmp.resolve("data")).version("test").start();
        admin = Files.readString(tmp.resolve("data/admin-token")).trim();
        Tokens tokens = new Tokens(tokenStore, Clock.systemUTC());
        reader = tokens.create("reader", Set.of(TokenScope.READ)).text();
        writer = tokens.create("writer", Set.of(TokenScope.WRITE)).text();
    }

    @AfterEach
    void stopApi() {
        if (api != null) {
            api.close();
        }
        store.close();
    }

    private void seed() {
        Instant recent = Instant.now().minus(Duration.ofMinutes(5));
        Instant old = Instant.now().minus(Duration.ofHours(2));
        commit(device(PHONE1, PC_A, "SIM000001", "12.0.3", recent), "SIM000001");
        commit(device(PHONE2, PC_A, "SIM000002", "11.9.0", old), "SIM000002");
        commit(device(PHONE3, PC_B, "SIM000003", "12.0.3", recent), "SIM000003");
        store.commit(new SessionChanges.Builder(store.findDevice(PHONE2).orElseThrow())
                .fault(new DeviceFault(PHONE2, null, "SetParameterValues", 9007, "Invalid parameter value", old))
                .build());
    }

    private void commit(Device d, String serial) {
        store.commit(new SessionChanges.Builder(d)
                .upsert(new Parameter("Device.", null, null, false, T0))
                .upsert(new Parameter("Device.DeviceInfo.", null, null, false, T0))
                .upsert(new Parameter(SERIAL, serial, "xsd:string", false, T0))
                .upsert(new Parameter("Device.ManagementServer.", null, null, false, T0))
                .upsert(new Parameter(INTERVAL, "3600", "xsd:unsignedInt", true, T0))
                .build());
    }

    private static Device device(DeviceId id, String productClass, String serial, String sw, Instant lastInform) {
        return Device.builder(id, T0).deviceIdStruct(new DeviceIdStruct("Cisco", "0CD0F8", productClass, serial))
                .lastContact(new LastContact(lastInform, lastInform, List.of(), "192.0.2.1", "1.0"))
                .reachability(new Reachability("http://192.0.2.1:7547/cr"))
                .inventory(new Inventory("Device.", sw, "1.0"))
                .discovery(new DiscoveryState(false, T0)).build();
    }

    HttpResponse<String> send(String method, String path, String token, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(90))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null && !java.util.Arrays.asList(headers).contains("Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String q(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
