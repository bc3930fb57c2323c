package io.lodestar.acs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An AddObject with values for its new instance, queued through the real API and run against simulated CPEs over
 * real HTTP: one task, AddObject then SetParameterValues on the instance the device chose, failing as a whole.
 */
class AddObjectChainEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DNS_SERVERS = "Device.DNS.Client.Server.";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> send(AcsHarness acs, String method, String path, String body) throws Exception {
        String token = Files.readString(data.resolve("admin-token")).trim();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + acs.server().apiPort() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
        b = body == null ? b.GET()
                : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePhoneAddsADnsServerAndTakesItsValuesInTheSameSessionAsOneTask() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("CHAIN00001");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            String tasks = "/api/v1/devices/" + id.value() + "/tasks";

            HttpResponse<String> created = send(acs, "POST", tasks, "{\"type\":\"addObject\",\"object\":\""
                    + DNS_SERVERS + "\",\"parameterKey\":\"dns-3\",\"values\":[{\"path\":\"Enable\",\"value\":\"true\"},"
                    + "{\"path\":\"DNSServer\",\"value\":\"192.0.2.53\"}]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String taskId = JSON.readTree(created.body()).get("id").asText();

            SessionReport report = AcsHarness.ok(phone);

            assertThat(report.rpcMethods()).containsSubsequence("AddObject", "SetParameterValues");
            JsonNode task = JSON.readTree(send(acs, "GET", tasks + "/" + taskId, null).body());
            assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("DONE");
            long instance = task.get("result").get("instanceNumber").asLong();
            String added = DNS_SERVERS + instance + ".";
            assertThat(phone.model().value(added + "DNSServer")).contains("192.0.2.53");
            assertThat(phone.model().value(added + "Enable")).contains("true");
            // the new instance is learned with the values it took
            assertThat(acs.storedTree(id, added)).containsEntry(added + "DNSServer", "192.0.2.53 : xsd:string");
        }
    }

    @Test
    void aValueTheStandardForbidsIsRefusedBeforeAnythingIsQueued() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("CHAIN00002");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);

            HttpResponse<String> refused = send(acs, "POST", "/api/v1/devices/" + id.value() + "/tasks",
                    "{\"type\":\"addObject\",\"object\":\"" + DNS_SERVERS + "\",\"values\":[{\"path\":\"Enable\","
                            + "\"value\":\"maybe\"}]}");

            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(refused.body()).get("detail").asText()).contains(DNS_SERVERS).contains("Enable");
            assertThat(AcsHarness.ok(phone).rpcMethods()).doesNotContain("AddObject");
        }
    }

    @Test
    void anAddObjectTheGatewayRefusesFailsTheWholeChainAndItsValuesAreNeverSent() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe gateway = acs.gateway();
            AcsHarness.ok(gateway);
            DeviceId id = AcsHarness.idOf(gateway);
            String tasks = "/api/v1/devices/" + id.value() + "/tasks";

            // the gateway's WLANConfiguration table is fixed: AddObject faults 9001
            HttpResponse<String> created = send(acs, "POST", tasks, "{\"type\":\"addObject\",\"object\":"
                    + "\"InternetGatewayDevice.LANDevice.1.WLANConfiguration.\",\"values\":[{\"path\":\"SSID\","
                    + "\"value\":\"guest\"}]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String taskId = JSON.readTree(created.body()).get("id").asText();

            SessionReport report = AcsHarness.ok(gateway);

            assertThat(report.rpcMethods()).contains("AddObject").doesNotContain("SetParameterValues");
            JsonNode task = JSON.readTree(send(acs, "GET", tasks + "/" + taskId, null).body());
            assertThat(task.get("status").asText()).isEqualTo("FAILED");
            assertThat(task.toString()).contains("9001");
        }
    }
}
