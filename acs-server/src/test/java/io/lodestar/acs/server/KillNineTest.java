package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.sim.client.Simulator;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole ACS in its own JVM, started as a user would ({@code lodestar run}), killed with SIGKILL while
 * sessions are in flight: every session the ACS acknowledged with its final 204 is in the store afterwards.
 */
class KillNineTest {

    @TempDir
    Path data;

    @Test
    void killingTheAcsLosesNoAcknowledgedSession() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process acs = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.lodestar.acs.server.cli.LodestarCommand", "run", "--data", data.toString(),
                "--bind", "127.0.0.1", "--cwmp-port", String.valueOf(port), "-s", "api.port=0", "-s", "files.port=0",
                "-s", "cwmp.auth.mode=off")
                .redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile())
                .start();
        List<SimulatedCpe> acknowledged = new ArrayList<>();
        try (Simulator simulator = new Simulator(2)) {
            int acsPort = port;
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                try (Socket s = new Socket("127.0.0.1", acsPort)) {
                    return true;
                }
            });
            URI url = URI.create("http://127.0.0.1:" + port + "/");
            List<SimulatedCpe> cpes = new ArrayList<>();
            List<CompletableFuture<SessionReport>> sessions = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                SimulatedCpe cpe = simulator.cpe(url, DataModel.ipPhone(String.format("KILL%05d", i)));
                cpes.add(cpe);
                sessions.add(cpe.runSession());
            }
            // kill while sessions are still running, as soon as a few have been acknowledged
            await().atMost(Duration.ofSeconds(120)).until(() -> sessions.stream().filter(s -> s.isDone() && s.join().ok()).count() >= 5);
            acs.destroyForcibly();
            assertThat(acs.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(acs.exitValue()).isEqualTo(137);
            for (int i = 0; i < cpes.size(); i++) {
                SessionReport report = sessions.get(i).get(60, TimeUnit.SECONDS);
                if (report.ok()) {
                    acknowledged.add(cpes.get(i));
                }
            }
        } finally {
            acs.destroyForcibly();
        }

        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(5);
        try (AcsStore store = RocksAcsStore.open(data)) {
            for (SimulatedCpe cpe : acknowledged) {
                DeviceId id = AcsHarness.idOf(cpe);
                assertThat(store.findDevice(id)).as("device %s", id).isPresent();
                assertThat(store.findDevice(id).orElseThrow().discoveryRequired()).isFalse();
                assertThat(store.parameters(id, "").stream().filter(p -> !p.isObject()).count())
                        .isEqualTo(cpe.model().parameterCount());
            }
        }
    }
}
