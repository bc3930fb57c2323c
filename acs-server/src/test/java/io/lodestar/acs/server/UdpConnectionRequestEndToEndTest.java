package io.lodestar.acs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.sim.client.CpeOptions;
import io.lodestar.acs.sim.client.CpeStunClient;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.client.StunClientOptions;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.model.StunParameters;
import io.lodestar.acs.store.ConnectionRequestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * UDP connection requests end to end (TR-069 Annex G, TR-111): a real ACS with its built-in STUN server on a free
 * loopback port, simulated phones without an HTTP connection request listener running their STUN client against
 * it, and a real HTTP client calling the API. The phone's session carries the task queued with the wake, and the
 * API's wait answers with the value it took.
 */
class UdpConnectionRequestEndToEndTest {

    private static final String MS = "Device.ManagementServer.";
    private static final String INTERVAL = MS + "PeriodicInformInterval";
    private static final String CR_PASSWORD = "udp-cr-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private AcsHarness acs(Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("stun.enabled", "true", "stun.bind", "127.0.0.1",
                "stun.port", "0", "stun.connection-request-interval", "200ms",
                "stun.connection-request-max-interval", "1s"));
        settings.putAll(extra);
        AcsHarness acs = new AcsHarness(data, settings);
        closing.add(0, acs);
        return acs;
    }

    private HttpResponse<String> call(AcsHarness acs, String method, String path, String body) throws Exception {
        String token = Files.readString(data.resolve("admin-token")).trim();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + acs.server().apiPort() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(90));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A phone with the STUN parameters, its ConnectionRequestPassword set, STUN on toward the ACS when asked. */
    private static DataModel phone(String serial, int stunPort, boolean stunOn) {
        DataModel phone = StunParameters.withStun(DataModel.ipPhone(serial));
        phone.set(MS + "ConnectionRequestPassword", CR_PASSWORD);
        if (stunOn) {
            phone.set(MS + "STUNEnable", "true");
            phone.set(MS + "STUNServerAddress", "127.0.0.1");
            phone.set(MS + "STUNServerPort", Integer.toString(stunPort));
        }
        return phone;
    }

    /**
     * Waits until the ACS knows a UDP address for the phone: a binding its STUN server learned under the device's id
     * (the STUNUsername the policy sets), or the UDPConnectionRequestAddress the phone informed (a phone without a
     * STUNUsername). The phone's first binding response is not enough: the address it learns from it reaches the ACS
     * only with its next Inform, and a connection request sent before that finds no UDP target (UNREACHABLE).
     */
    private void awaitUdpAddressKnown(AcsHarness acs, DeviceId id) {
        // 30 s: on a loaded machine (a full build beside it) the phone's binding and its next Inform took over 10
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode binding = JSON.readTree(call(acs, "GET", "/api/v1/devices/" + id.value(), null).body())
                    .path("reachability").path("udpBinding");
            String reported = acs.store().loadSnapshot(id)
                    .map(snapshot -> snapshot.tree().get(MS + "UDPConnectionRequestAddress"))
                    .map(io.lodestar.acs.core.parameter.Parameter::value).orElse("");
            return binding.hasNonNull("address") || (reported != null && !reported.isBlank());
        });
    }

    private CpeStunClient stunClient(SimulatedCpe cpe) {
        CpeStunClient client = CpeStunClient.start(cpe, StunClientOptions.defaults().withKeepAlive(Duration.ofMillis(300)));
        closing.add(0, client);
        return client;
    }

    private static String closedPortUrl() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/";
        }
    }

    private void setCredentials(AcsHarness acs, DeviceId id, String user, String pass) throws Exception {
        HttpResponse<String> put = call(acs, "PUT", "/api/v1/devices/" + id.value() + "/connection-request-credentials",
                "{\"username\":\"" + user + "\",\"password\":\"" + pass + "\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
    }

    private HttpResponse<String> setInterval(AcsHarness acs, DeviceId id, String value, int wait) throws Exception {
        return call(acs, "POST", "/api/v1/devices/" + id.value() + "/tasks?connectionRequest=true&wait=" + wait,
                "{\"type\":\"setParameterValues\",\"values\":[{\"path\":\"" + INTERVAL + "\",\"value\":\"" + value + "\"}]}");
    }

    @Test
    void aPhoneWhoseHttpListenerIsGoneIsWokenOverUdpThroughTheStunServerAndTheWaitAnswersWithItsValue() throws Exception {
        AcsHarness acs = acs(Map.of());
        assertThat(acs.server().stunPort()).isPositive();
        // its ConnectionRequestURL names a port nothing listens on: HTTP is refused, UDP is tried next
        SimulatedCpe phone = acs.cpe(phone("UDP0001", acs.server().stunPort(), true),
                CpeOptions.defaults().withConnectionRequestUrl(closedPortUrl()));
        CpeStunClient stun = stunClient(phone);
        AcsHarness.ok(phone); // bootstrap
        DeviceId id = AcsHarness.idOf(phone);
        awaitUdpAddressKnown(acs, id);
        setCredentials(acs, id, "UDP0001", CR_PASSWORD);

        HttpResponse<String> r = setInterval(acs, id, "1300", 30);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode task = JSON.readTree(r.body());
        assertThat(task.get("status").asText()).isEqualTo("DONE");
        assertThat(task.get("result").get("values").get(0).get("value").asText()).isEqualTo("1300");
        assertThat(task.get("connectionRequest").get("outcome").asText()).isEqualTo("SESSION_STARTED");
        assertThat(phone.model().value(INTERVAL)).contains("1300");
        assertThat(stun.stats().accepted()).isEqualTo(1);

        JsonNode last = JSON.readTree(call(acs, "GET", "/api/v1/devices/" + id.value(), null).body())
                .get("reachability").get("lastConnectionRequest");
        assertThat(last.get("outcome").asText()).isEqualTo("SESSION_STARTED");
        assertThat(last.get("target").asText()).isEqualTo("udp://127.0.0.1:" + stun.localAddress().getPort());
        // the metrics saw the delivery over UDP (and the refused HTTP connection before it is not counted apart)
        String metrics = call(acs, "GET", "/metrics", null).body();
        assertThat(metrics).containsPattern("lodestar_connection_request_duration_seconds_count\\{[^}]*outcome=\"accepted\"[^}]*} 1");
    }

    @Test
    void wrongCredentialsAreIgnoredByThePhoneAndTheTaskWaitsForTheNextInformVisibly() throws Exception {
        AcsHarness acs = acs(Map.of("connreq.session-timeout", "2s"));
        SimulatedCpe phone = acs.cpe(phone("UDP0002", acs.server().stunPort(), true),
                CpeOptions.defaults().withConnectionRequestUrl(closedPortUrl()));
        CpeStunClient stun = stunClient(phone);
        AcsHarness.ok(phone);
        DeviceId id = AcsHarness.idOf(phone);
        awaitUdpAddressKnown(acs, id);
        setCredentials(acs, id, "UDP0002", "not-its-password");

        HttpResponse<String> r = setInterval(acs, id, "1400", 8);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode task = JSON.readTree(r.body());
        assertThat(task.get("status").asText()).isEqualTo("PENDING");
        assertThat(task.get("connectionRequest").get("outcome").asText()).isEqualTo("NO_SESSION");
        assertThat(task.get("connectionRequest").get("detail").asText()).contains("next Inform");
        assertThat(stun.stats().wrongCredentials()).isPositive();
        assertThat(stun.stats().accepted()).isZero();
        assertThat(phone.model().value(INTERVAL)).contains("3600");

        AcsHarness.ok(phone); // its next periodic Inform runs the task
        await().atMost(Duration.ofSeconds(10)).until(() -> acs.store().pendingTasks(id).isEmpty());
        assertThat(phone.model().value(INTERVAL)).contains("1400");
    }

    @Test
    void withTheStunPolicyTheAcsTurnsStunOnAndWakesAPhoneBehindNatOverUdpFirst() throws Exception {
        AcsHarness acs = acs(Map.of("stun.policy", "bootstrap", "stun.public-address", "127.0.0.1",
                "stun.require-integrity", "true"));
        // STUN off, and the phone's own URL names its LAN address (10.x): behind NAT as far as the ACS can tell
        SimulatedCpe phone = acs.cpe(phone("UDP0003", acs.server().stunPort(), false), CpeOptions.defaults());
        CpeStunClient stun = stunClient(phone);
        AcsHarness.ok(phone); // bootstrap: the policy's tasks are queued once it ended
        DeviceId id = AcsHarness.idOf(phone);
        await().atMost(Duration.ofSeconds(10)).until(() -> acs.store().pendingTasks(id).size() == 2);
        assertThat(stun.stats().bindingRequests()).isZero();
        // the STUNPassword is stored sealed in the task, never in clear (opened only as it is sent)
        assertThat(acs.store().pendingTasks(id).stream()
                .filter(t -> t.action() instanceof io.lodestar.acs.core.task.TaskAction.SetParameterValues)
                .flatMap(t -> ((io.lodestar.acs.core.task.TaskAction.SetParameterValues) t.action()).values().stream())
                .filter(v -> v.name().endsWith("STUNPassword")).map(v -> v.value()).toList())
                .singleElement().asString().startsWith("lodestar-sealed:");

        AcsHarness.ok(phone); // takes the policy: STUN on, username = its id, a password the ACS derives
        assertThat(phone.model().value(MS + "STUNEnable")).contains("true");
        assertThat(phone.model().value(MS + "STUNUsername")).contains(id.value());
        assertThat(phone.model().value(MS + "STUNServerPort")).contains(Integer.toString(acs.server().stunPort()));
        // integrity is required: only the derived password gets answers
        awaitUdpAddressKnown(acs, id);
        setCredentials(acs, id, "UDP0003", CR_PASSWORD);

        HttpResponse<String> r = setInterval(acs, id, "1500", 30);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("connectionRequest").get("target").asText()).startsWith("udp://");
        assertThat(phone.model().value(INTERVAL)).contains("1500");
        // the learned binding (under the STUNUsername the policy set: the device id) is in the device's reachability,
        // and stored for the other nodes
        JsonNode binding = JSON.readTree(call(acs, "GET", "/api/v1/devices/" + id.value(), null).body())
                .get("reachability").get("udpBinding");
        assertThat(binding.get("address").asText()).isEqualTo("127.0.0.1:" + stun.localAddress().getPort());
        assertThat(binding.get("authenticated").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(((io.lodestar.acs.store.ConnectionRequestStore) acs.store()).udpBinding(id))
                        .map(io.lodestar.acs.core.device.LearnedUdpBinding::address)
                        .contains("127.0.0.1:" + stun.localAddress().getPort()));
    }

    @Test
    void deletingADeviceForgetsItsConnectionRequestCredentialsAndAttempts() throws Exception {
        AcsHarness acs = acs(Map.of());
        SimulatedCpe phone = acs.cpe(phone("UDP0004", acs.server().stunPort(), false), CpeOptions.defaults());
        AcsHarness.ok(phone);
        DeviceId id = AcsHarness.idOf(phone);
        setCredentials(acs, id, "UDP0004", CR_PASSWORD);
        call(acs, "POST", "/api/v1/devices/" + id.value() + "/wake", null);
        ConnectionRequestStore crStore = (ConnectionRequestStore) acs.store();
        assertThat(crStore.credentials(id)).isPresent();
        await().atMost(Duration.ofSeconds(10)).until(() -> crStore.lastAttempt(id).isPresent());

        HttpResponse<String> deleted = call(acs, "DELETE", "/api/v1/devices/" + id.value(), null);

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(crStore.credentials(id)).isEmpty();
        assertThat(crStore.lastAttempt(id)).isEmpty();
    }
}
