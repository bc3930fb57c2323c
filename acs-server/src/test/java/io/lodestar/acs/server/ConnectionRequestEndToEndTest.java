package io.lodestar.acs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.httpauth.DigestAlgorithm;
import io.lodestar.acs.sim.client.CpeOptions;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.store.ConnectionRequestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connection requests end to end: the running ACS wakes a simulated phone listening on 127.0.0.1 (Digest MD5 or
 * SHA-256, the credentials set through the API or provisioned by the ACS on bootstrap), the phone informs with
 * 6 CONNECTION REQUEST, and the API's answers carry the task's result and the request's outcome.
 */
class ConnectionRequestEndToEndTest {

    private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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

    private SimulatedCpe listeningPhone(AcsHarness acs, String serial) throws Exception {
        SimulatedCpe phone = acs.cpe(DataModel.ipPhone(serial), CpeOptions.defaults().withConnectionRequests(true));
        AcsHarness.ok(phone); // bootstrap: the ACS learns its ConnectionRequestURL
        return phone;
    }

    private void setCredentials(AcsHarness acs, DeviceId id, String user, String pass) throws Exception {
        HttpResponse<String> put = call(acs, "PUT", "/api/v1/devices/" + id.value() + "/connection-request-credentials",
                "{\"username\":\"" + user + "\",\"password\":\"" + pass + "\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
    }

    @Test
    void aTaskQueuedWithAConnectionRequestIsAnsweredWithTheValueTheDeviceTook() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = listeningPhone(acs, "CR0001");
            DeviceId id = AcsHarness.idOf(phone);
            // the phone's factory credentials: user = its serial number, empty password
            setCredentials(acs, id, "CR0001", "");

            HttpResponse<String> r = call(acs, "POST", "/api/v1/devices/" + id.value()
                    + "/tasks?connectionRequest=true&wait=30", "{\"type\":\"setParameterValues\",\"values\":[{\"path\":\""
                    + INTERVAL + "\",\"value\":\"1200\"}]}");

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode task = JSON.readTree(r.body());
            assertThat(task.get("status").asText()).isEqualTo("DONE");
            assertThat(task.get("result").get("values").get(0).get("value").asText()).isEqualTo("1200");
            assertThat(task.get("connectionRequest").get("outcome").asText()).isEqualTo("SESSION_STARTED");
            assertThat(phone.model().value(INTERVAL)).contains("1200");
            assertThat(phone.connectionRequestCount()).isEqualTo(1);

            JsonNode device = JSON.readTree(call(acs, "GET", "/api/v1/devices/" + id.value(), null).body());
            JsonNode last = device.get("reachability").get("lastConnectionRequest");
            assertThat(last.get("outcome").asText()).isEqualTo("SESSION_STARTED");
            assertThat(last.get("reached").asBoolean()).isTrue();
            assertThat(last.get("target").asText()).isEqualTo(phone.connectionRequestUrl());
        }
    }

    @Test
    void wakeAloneAnswersWithTheOutcomeAndWrongCredentialsAreRejectedVisibly() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            acs.simulator().challengeConnectionRequestsWith(DigestAlgorithm.SHA_256);
            SimulatedCpe phone = listeningPhone(acs, "CR0002");
            DeviceId id = AcsHarness.idOf(phone);

            setCredentials(acs, id, "CR0002", "not-its-password");
            HttpResponse<String> rejected = call(acs, "POST", "/api/v1/devices/" + id.value() + "/wake", null);
            assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(202);
            assertThat(JSON.readTree(rejected.body()).get("outcome").asText()).isEqualTo("AUTH_REJECTED");
            assertThat(phone.rejectedConnectionRequestCount()).isEqualTo(1);
            assertThat(phone.connectionRequestCount()).isZero();
            // a task queued with it waits for the next Inform, and says why
            HttpResponse<String> queued = call(acs, "POST", "/api/v1/devices/" + id.value()
                    + "/tasks?connectionRequest=true&wait=10", "{\"type\":\"getParameterValues\",\"paths\":[\""
                    + INTERVAL + "\"]}");
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            assertThat(JSON.readTree(queued.body()).get("status").asText()).isEqualTo("PENDING");
            assertThat(JSON.readTree(queued.body()).get("connectionRequest").get("outcome").asText())
                    .isEqualTo("AUTH_REJECTED");

            setCredentials(acs, id, "CR0002", "");
            HttpResponse<String> woken = call(acs, "POST", "/api/v1/devices/" + id.value() + "/wake?wait=20", null);
            assertThat(woken.statusCode()).as(woken.body()).isEqualTo(200);
            assertThat(JSON.readTree(woken.body()).get("outcome").asText()).isEqualTo("SESSION_STARTED");
            await().atMost(Duration.ofSeconds(20)).until(() -> acs.store().pendingTasks(id).isEmpty());
        }
    }

    @Test
    void onBootstrapTheAcsSetsCredentialsOfItsOwnAndWakesTheDeviceWithThem() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("connreq.manage-credentials", "true"))) {
            SimulatedCpe phone = listeningPhone(acs, "CR0003");
            DeviceId id = AcsHarness.idOf(phone);
            ConnectionRequestStore crStore = (ConnectionRequestStore) acs.store();
            await().atMost(Duration.ofSeconds(20)).until(() -> crStore.credentials(id).isPresent()
                    && acs.store().pendingTasks(id).stream().anyMatch(t -> t.action() instanceof TaskAction.SetParameterValues));
            assertThat(crStore.credentials(id).orElseThrow().applied()).isFalse();

            AcsHarness.ok(phone); // its next periodic Inform takes the new credentials
            await().atMost(Duration.ofSeconds(20)).until(() -> crStore.credentials(id).orElseThrow().applied());
            String user = phone.model().value("Device.ManagementServer.ConnectionRequestUsername").orElseThrow();
            String pass = phone.model().value("Device.ManagementServer.ConnectionRequestPassword").orElseThrow();
            assertThat(user).startsWith("cr-").isEqualTo(crStore.credentials(id).orElseThrow().username());
            assertThat(pass).hasSizeGreaterThanOrEqualTo(24);
            // stored sealed: the password is nowhere in the store's record
            assertThat(new String(crStore.credentials(id).orElseThrow().sealedPassword(),
                    java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(pass);
            assertThat(acs.store().tasks(id)).allMatch(t -> t.status() == TaskStatus.DONE);

            HttpResponse<String> woken = call(acs, "POST", "/api/v1/devices/" + id.value() + "/wake?wait=20", null);
            assertThat(JSON.readTree(woken.body()).get("outcome").asText()).as(woken.body()).isEqualTo("SESSION_STARTED");
        }
    }
}
