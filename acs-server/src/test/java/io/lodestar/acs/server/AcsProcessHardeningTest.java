package io.lodestar.acs.server;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.sim.client.CpeOptions;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.client.Simulator;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ACS as its own process: memory bounds in a JVM with a small heap and little direct memory, and a real
 * SIGTERM under load.
 */
class AcsProcessHardeningTest {

    @TempDir
    Path data;

    private Process start(int port, List<String> jvm, String... settings) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.lodestar.acs.server.cli.LodestarCommand",
                "run", "--data", data.resolve("store").toString(), "--bind", "127.0.0.1", "--cwmp-port",
                String.valueOf(port), "-s", "api.port=0", "-s", "files.port=0", "-s", "cwmp.auth.mode=off"));
        for (String setting : settings) {
            command.add("-s");
            command.add(setting);
        }
        Process acs = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile()).start();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
        return acs;
    }

    private Path log() {
        return data.resolve("acs.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static byte[] inform(String serial, int parameters) {
        List<ParameterValueStruct> list = new ArrayList<>();
        for (int i = 0; i < parameters; i++) {
            list.add(ParameterValueStruct.string("Device.X_Huge.Param" + i, "value-" + i));
        }
        Inform inform = new Inform(new DeviceIdStruct("Acme", "00D09E", "Box", serial),
                List.of(EventStruct.of(EventStruct.PERIODIC)), 1, "2026-12-01T10:00:00Z", 0, list);
        return CwmpCodec.forCpe().encode(new CwmpEnvelope(CwmpVersion.V1_0, CwmpHeader.withId("1"), inform));
    }

    @Test
    void inASmallHeapSlowBodiesAndHugeInformsGetCleanAnswersAndNormalSessionsGoOn() throws Exception {
        int port = freePort();
        Process acs = start(port, List.of("-Xmx256m", "-XX:MaxDirectMemorySize=64m"), "cwmp.request-timeout=5s");
        try (Simulator simulator = new Simulator(2)) {
            URI url = URI.create("http://127.0.0.1:" + port + "/");
            // 50 connections announce 8 MiB bodies and send them a byte at a time
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: acs\r\nContent-Length: " + 8 * 1024 * 1024
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            List<Socket> open = new ArrayList<>(slow);
            while (!open.isEmpty()) {
                for (Socket socket : List.copyOf(open)) {
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write(' ');
                        out.flush();
                    } catch (IOException cutOff) {
                        open.remove(socket);
                    }
                }
            }
            for (Socket socket : slow) {
                socket.close();
            }

            // 30 Informs of 50,000 parameters each, from hosts that would never finish their sessions
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 30; i++) {
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(inform("HUGE" + i, 50_000))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(((CwmpFault) CwmpCodec.forCpe().decode(answer.body()).message()).faultCode())
                        .isEqualTo(CwmpFault.RESOURCES_EXCEEDED);
            }

            SimulatedCpe phone = simulator.cpe(url, DataModel.ipPhone("SMALLHEAP1"), CpeOptions.defaults());
            assertThat(phone.runSession().get(120, TimeUnit.SECONDS).ok()).isTrue();
        } finally {
            acs.destroy();
            acs.waitFor(60, TimeUnit.SECONDS);
            acs.destroyForcibly();
        }
        // the JVM's own report of an OutOfMemoryError reaches standard error whatever the log configuration
        assertThat(Files.readString(log())).doesNotContain("OutOfMemoryError");
    }

    @Test
    void sigtermUnderLoadLetsEveryStartedSessionFinishAndBeStored() throws Exception {
        int port = freePort();
        Process acs = start(port, List.of(), "cwmp.shutdown-grace=60s");
        List<SimulatedCpe> cpes = new ArrayList<>();
        List<CompletableFuture<SessionReport>> sessions = new ArrayList<>();
        try (Simulator simulator = new Simulator(2)) {
            URI url = URI.create("http://127.0.0.1:" + port + "/");
            for (int i = 0; i < 30; i++) {
                SimulatedCpe cpe = simulator.cpe(url, DataModel.ipPhone(String.format("TERM%05d", i)));
                cpes.add(cpe);
                sessions.add(cpe.runSession());
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> sessions.stream().anyMatch(s -> s.isDone() && s.join().ok()));
            acs.destroy(); // SIGTERM
            assertThat(acs.waitFor(90, TimeUnit.SECONDS)).as("the ACS exits after its grace").isTrue();

            for (CompletableFuture<SessionReport> session : sessions) {
                SessionReport report = session.get(60, TimeUnit.SECONDS);
                if (!report.ok()) {
                    // turned away (503) or never connected: never a session cut half-way
                    assertThat(report.httpStatuses()).as(report.summary()).isIn(List.of(), List.of(503));
                }
            }
        } finally {
            acs.destroyForcibly();
        }
        try (AcsStore store = RocksAcsStore.open(data.resolve("store"))) {
            for (int i = 0; i < cpes.size(); i++) {
                if (sessions.get(i).get().ok()) {
                    DeviceId id = AcsHarness.idOf(cpes.get(i));
                    assertThat(store.findDevice(id).orElseThrow().discoveryRequired()).isFalse();
                    assertThat(store.parameters(id, "").stream().filter(p -> !p.isObject()).count())
                            .isEqualTo(cpes.get(i).model().parameterCount());
                }
            }
        }
    }
}
