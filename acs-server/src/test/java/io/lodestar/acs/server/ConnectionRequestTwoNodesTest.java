package io.lodestar.acs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lodestar.acs.cassandra.node.CassandraNode;
import io.lodestar.acs.cassandra.node.SharedCassandra;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.Settings;
import io.lodestar.acs.sim.client.CpeOptions;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.client.Simulator;
import io.lodestar.acs.sim.model.DataModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two ACS nodes on one Cassandra: an operator asks node A for a task with a connection request; A wakes the phone,
 * whose session goes to node B (its ACS URL); A's {@code wait} still answers with the value the phone took, and the
 * attempt's outcome (recorded by B) reads SESSION_STARTED on A.
 */
class ConnectionRequestTwoNodesTest {

    private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;

    private static LodestarServer node(CassandraNode cassandra, String nodeId, Path data) throws InterruptedException {
        Map<String, String> settings = new LinkedHashMap<>(Map.of(
                "cwmp.bind", "127.0.0.1", "cwmp.port", "0", "api.port", "0",
                "store.type", "cassandra",
                "store.cassandra.contact-points", "127.0.0.1:" + cassandra.contactPoint().getPort(),
                "store.cassandra.local-datacenter", cassandra.localDatacenter(),
                "store.cassandra.keyspace", "connreq_two_nodes",
                "store.cassandra.consistency", "LOCAL_ONE",
                "cluster.node-id", nodeId,
                "store.path", data.toString()));
        settings.put("connreq.key", KEY);
        settings.put("files.port", "0"); // two nodes in one JVM: each its own file server port
        settings.put("cwmp.auth.mode", "off"); // CPE authentication has tests of its own
        return LodestarServer.start(AcsConfig.from(Settings.load(null, Map.of(), settings)));
    }

    @Test
    void aWakeOnOneNodeIsAnsweredThroughASessionOnTheOther() throws Exception {
        CassandraNode cassandra = SharedCassandra.node();
        try (LodestarServer a = node(cassandra, "node-a", dataA);
             LodestarServer b = node(cassandra, "node-b", dataB);
             Simulator simulator = new Simulator(2)) {
            SimulatedCpe phone = simulator.cpe(URI.create("http://127.0.0.1:" + b.cwmpPort() + "/"),
                    DataModel.ipPhone("TWOCR01"), CpeOptions.defaults().withConnectionRequests(true));
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            String token = Files.readString(dataA.resolve("admin-token")).trim();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String api = "http://127.0.0.1:" + a.apiPort() + "/api/v1/devices/" + id.value();

            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(api + "/connection-request-credentials"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"username\":\"TWOCR01\",\"password\":\"\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(204);

            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api
                            + "/tasks?connectionRequest=true&wait=40"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(90))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"setParameterValues\",\"values\":[{\"path\":\""
                            + INTERVAL + "\",\"value\":\"1500\"}]}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode task = new ObjectMapper().readTree(r.body());
            assertThat(task.get("result").get("values").get(0).get("value").asText()).isEqualTo("1500");
            assertThat(phone.model().value(INTERVAL)).contains("1500");
            assertThat(phone.connectionRequestCount()).isEqualTo(1);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    a.connectionRequester().lastAttempt(id).orElseThrow().outcome()
                            == io.lodestar.acs.core.device.ConnectionRequestOutcome.SESSION_STARTED);
            assertThat(a.connectionRequester().lastAttempt(id).orElseThrow().node()).isEqualTo("node-a");
        }
    }
}
