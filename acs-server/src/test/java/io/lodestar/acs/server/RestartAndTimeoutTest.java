package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A restart loses nothing; a session whose CPE goes silent ends by itself and keeps what it learned. */
class RestartAndTimeoutTest {

    @TempDir
    Path data;

    @Test
    void aRestartBetweenSessionsLosesNothing() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe gateway = acs.gateway();
            AcsHarness.ok(gateway);
            DeviceId id = AcsHarness.idOf(gateway);
            Map<String, String> before = acs.storedTree(id, "");
            Task queued = acs.store().addTask(Task.queue(id, new TaskAction.GetParameterValues(
                    List.of("InternetGatewayDevice.DeviceInfo.UpTime")), Instant.now(), Duration.ofHours(1)));

            acs.restart();

            assertThat(acs.storedTree(id, "")).isEqualTo(before);
            assertThat(acs.store().findTask(queued.id()).orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
            SimulatedCpe again = acs.cpe(gateway.model(), gateway.options());
            SessionReport report = again.runSession(List.of(EventStruct.of(EventStruct.PERIODIC))).get(60, TimeUnit.SECONDS);
            assertThat(report.ok()).as(report.failure()).isTrue();
            assertThat(report.rpcMethods()).containsExactly("GetParameterValues");
            assertThat(acs.store().findTask(queued.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
        }
    }

    @Test
    void aSilentCpesSessionTimesOutAndWhatItSaidIsStored() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("cwmp.session-idle-timeout", "1s"))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> informed = http.send(HttpRequest.newBuilder(acs.url())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(BadInputTest.inform("SILENT001", "s1"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(informed.statusCode()).isEqualTo(200);
            assertThat(acs.server().cwmp().sessionsInProgress()).isEqualTo(1);
            DeviceId id = new DeviceId("00D09E-Box-SILENT001");

            await().atMost(Duration.ofSeconds(15)).until(() -> acs.server().cwmp().sessionsInProgress() == 0);

            assertThat(acs.store().findDevice(id)).isPresent();
            assertThat(acs.store().parameters(id, "Device.DeviceInfo.SoftwareVersion")).hasSize(1);
            // and the device may start a new session at once
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(acs.url())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(BadInputTest.inform("SILENT001", "s2"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(200);
        }
    }
}
