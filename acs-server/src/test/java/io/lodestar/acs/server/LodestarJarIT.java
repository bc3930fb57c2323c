package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged distribution, run as the README runs it: {@code java -jar lodestar.jar run} serves a
 * simulated CPE, stops cleanly on SIGTERM, and {@code lodestar devices} then says that no ACS answers.
 */
class LodestarJarIT {

    private static final Path JAR = Path.of("target/lodestar.jar");

    @TempDir
    Path work;

    private static String java() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private record JarRun(int exitCode, String output) {}

    /** Runs {@code java -jar lodestar.jar args} to its end, with its output and errors in one text. */
    private static JarRun runJar(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("lodestar %s ended", List.of(args)).isTrue();
        return new JarRun(p.exitValue(), output);
    }

    @Test
    void theJarRunsTheAcsAndTheCommandLineNoticesWhenItIsStopped() throws Exception {
        assertThat(JAR).exists();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path data = work.resolve("data");
        Path log = work.resolve("acs.log");
        Process acs = new ProcessBuilder(java(), "-jar", JAR.toString(), "run", "--data", data.toString(),
                "--bind", "127.0.0.1", "--cwmp-port", String.valueOf(port), "-s", "api.port=0", "-s", "files.port=0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int acsPort = port;
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                try (Socket s = new Socket("127.0.0.1", acsPort)) {
                    return true;
                }
            });
            SimulatedCpe phone;
            // CPE authentication is on by default: the first start wrote the fleet's credentials for the CPEs
            java.util.Properties credentials = new java.util.Properties();
            try (var r = Files.newBufferedReader(data.resolve("cpe-credentials"))) {
                credentials.load(r);
            }
            try (Simulator simulator = new Simulator(1)) {
                SimulatedCpe stranger = simulator.cpe(URI.create("http://127.0.0.1:" + port + "/"),
                        DataModel.ipPhone("JAR000002"));
                assertThat(stranger.runSession().get(60, TimeUnit.SECONDS).httpStatuses()).containsOnly(401);
                phone = simulator.cpe(URI.create("http://127.0.0.1:" + port + "/"), DataModel.ipPhone("JAR000001"),
                        io.lodestar.acs.sim.client.CpeOptions.defaults().withCredentials(
                                credentials.getProperty("username"), credentials.getProperty("password")));
                assertThat(phone.runSession().get(60, TimeUnit.SECONDS).ok()).isTrue();
            }

            acs.destroy(); // SIGTERM: the shutdown hook ends sessions and closes the store
            assertThat(acs.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("session device=0CD0F8-CP%2D8851%2D3PCC-JAR000001")
                    .contains("outcome=ok").contains("CWMP endpoint stopped");
            // every line goes through logback's pattern (CR/LF escaped), Jersey's java.util.logging included,
            // and Jersey's warning about resources registered as instances is not shown to operators
            assertThat(Files.readString(log)).doesNotContain("WARNING:").doesNotContain("checkProviderRuntime")
                    .doesNotContain("does not implement any provider interfaces");

            DeviceId id = AcsHarness.idOf(phone);
            try (AcsStore store = RocksAcsStore.open(data)) {
                assertThat(store.parameters(id, "").stream().filter(p -> !p.isObject()).count())
                        .isEqualTo(phone.model().parameterCount());
            }
            // the ACS is stopped: the command line says so rather than failing obscurely
            JarRun listing = runJar("devices", "--data", data.toString(), "--token", "lst_x_y",
                    "--api", "http://127.0.0.1:" + port);
            assertThat(listing.exitCode()).isEqualTo(1);
            assertThat(listing.output()).contains("no Lodestar ACS answers at http://127.0.0.1:" + port)
                    .contains("is it running?");
        } finally {
            acs.destroyForcibly();
        }
    }

    @Test
    void aBadSettingStopsTheStartWithItsName() throws Exception {
        JarRun run = runJar("run", "-s", "cwmp.port=seventy");
        String output = run.output();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(output).contains("cwmp.port").contains("seventy");
        assertThat(List.of(output.split("\n"))).noneMatch(l -> l.contains("Exception"));
    }
}
