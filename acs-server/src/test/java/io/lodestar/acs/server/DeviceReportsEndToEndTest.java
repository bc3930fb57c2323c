package io.lodestar.acs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.operation.OperationStatus;
import io.lodestar.acs.core.rpc.ArgStruct;
import io.lodestar.acs.core.rpc.AutonomousTransferComplete;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.RequestDownload;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17's leftovers over real HTTP with simulated CPEs: a task the device's CWMP version cannot carry fails at
 * once, unsent; AutonomousTransferComplete and RequestDownload become operations the API shows; a refused
 * SetParameterValues keeps each parameter's fault in the task, and the API shows them.
 */
class DeviceReportsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode get(AcsHarness acs, String path) throws Exception {
        String token = Files.readString(data.resolve("admin-token")).trim();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + acs.server().apiPort() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static Task queue(AcsHarness acs, DeviceId id, TaskAction action) {
        return acs.store().addTask(Task.queue(id, action, Instant.now(), Duration.ofHours(1)));
    }

    @Test
    void aCwmp10GatewayIsNeverSentTheTransferRpcsOfLaterVersionsAndTheNextTaskRuns() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe gateway = acs.gateway(); // CWMP 1.0
            AcsHarness.ok(gateway);
            DeviceId id = AcsHarness.idOf(gateway);
            Task cancel = queue(acs, id, new TaskAction.CancelTransfer("fw-1"));
            Task queued = queue(acs, id, new TaskAction.GetAllQueuedTransfers());
            Task names = queue(acs, id, new TaskAction.GetRPCMethods());

            SessionReport report = AcsHarness.ok(gateway);

            assertThat(report.rpcMethods()).containsExactly("GetRPCMethods");
            Task failed = acs.store().findTask(cancel.id()).orElseThrow();
            assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(failed.lastFault().code()).isEqualTo(9000);
            assertThat(failed.lastFault().message())
                    .isEqualTo("CancelTransfer needs CWMP 1.2 or later; the device speaks CWMP 1.0: not sent");
            assertThat(acs.store().findTask(queued.id()).orElseThrow().lastFault().message())
                    .startsWith("GetAllQueuedTransfers needs CWMP 1.1 or later");
            assertThat(acs.store().findTask(names.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
            JsonNode view = get(acs, "/api/v1/devices/" + id.value() + "/tasks/" + cancel.id().value());
            assertThat(view.get("status").asText()).isEqualTo("FAILED");
            assertThat(view.get("fault").get("message").asText()).contains("needs CWMP 1.2");
        }
    }

    @Test
    void anAutonomousTransferAndARequestDownloadAreStoredAsOperationsTheApiShows() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("AUTONOMOUS1");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            phone.rpcHandler().sendInNextSession(new AutonomousTransferComplete("", "http://files.example.net/fw.bin",
                    true, "1 Firmware Upgrade Image", 4096, "fw.bin", new FaultStruct(9010, "Download failure"),
                    "2026-12-06T10:00:00Z", "2026-12-06T10:00:05Z"), "10 AUTONOMOUS TRANSFER COMPLETE");
            phone.rpcHandler().sendInNextSession(new RequestDownload("3 Vendor Configuration File",
                    List.of(new ArgStruct("Version", "7"))), "9 REQUEST DOWNLOAD");

            SessionReport report = AcsHarness.ok(phone);

            assertThat(report.cpeRequests()).containsExactly("AutonomousTransferComplete", "RequestDownload");
            List<Operation> ops = acs.store().operations(id);
            Operation autonomous = ops.stream().filter(o -> o.kind() == OperationKind.AUTONOMOUS_TRANSFER)
                    .findFirst().orElseThrow();
            assertThat(autonomous.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(autonomous.transfer().fault().faultCode()).isEqualTo(9010);
            assertThat(autonomous.transfer().initiated().url()).isEqualTo("http://files.example.net/fw.bin");
            assertThat(autonomous.transfer().transferCompletedAt()).isEqualTo(Instant.parse("2026-12-06T10:00:05Z"));
            Operation asked = ops.stream().filter(o -> o.kind() == OperationKind.REQUEST_DOWNLOAD).findFirst()
                    .orElseThrow();
            assertThat(asked.status()).isEqualTo(OperationStatus.COMPLETED);
            assertThat(asked.transfer().initiated().arguments()).containsExactly("Version=7");

            JsonNode shown = get(acs, "/api/v1/devices/" + id.value()).get("operations");
            assertThat(shown.findValuesAsText("kind")).contains("AUTONOMOUS_TRANSFER", "REQUEST_DOWNLOAD");
            for (JsonNode op : shown) {
                if (op.get("kind").asText().equals("AUTONOMOUS_TRANSFER")) {
                    assertThat(op.get("status").asText()).isEqualTo("FAILED");
                    assertThat(op.get("transfer").get("initiated").get("fileType").asText())
                            .isEqualTo("1 Firmware Upgrade Image");
                    assertThat(op.get("transfer").get("fault").get("code").asInt()).isEqualTo(9010);
                } else if (op.get("kind").asText().equals("REQUEST_DOWNLOAD")) {
                    assertThat(op.get("transfer").get("initiated").get("arguments").get(0).asText())
                            .isEqualTo("Version=7");
                }
            }
            // answered once: the next session sends neither again
            assertThat(AcsHarness.ok(phone).cpeRequests()).isEmpty();
        }
    }

    @Test
    void aRefusedSetParameterValuesKeepsEachParameterFaultAndTheApiShowsThem() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("SPVFAULT1");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            // queued past the service's checks, as a task queued before the tree was known would be
            Task set = queue(acs, id, new TaskAction.SetParameterValues(List.of(
                    new ParameterValueStruct("Device.DeviceInfo.Manufacturer", "Acme", "xsd:string"),
                    new ParameterValueStruct("Device.ManagementServer.PeriodicInformInterval", "often",
                            "xsd:unsignedInt")), ""));

            AcsHarness.ok(phone);

            Task failed = acs.store().findTask(set.id()).orElseThrow();
            assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(failed.result()).isInstanceOf(TaskResult.ParameterFaults.class);
            assertThat(((TaskResult.ParameterFaults) failed.result()).faults())
                    .extracting(f -> f.parameterName() + " " + f.faultCode())
                    .containsExactlyInAnyOrder("Device.DeviceInfo.Manufacturer 9008",
                            "Device.ManagementServer.PeriodicInformInterval 9007");
            JsonNode fault = get(acs, "/api/v1/devices/" + id.value() + "/tasks/" + set.id().value()).get("fault");
            assertThat(fault.get("code").asInt()).isEqualTo(9003);
            assertThat(fault.get("parameters").findValuesAsText("path")).containsExactlyInAnyOrder(
                    "Device.DeviceInfo.Manufacturer", "Device.ManagementServer.PeriodicInformInterval");
            assertThat(fault.get("parameters").findValuesAsText("code")).containsExactlyInAnyOrder("9008", "9007");
        }
    }
}
