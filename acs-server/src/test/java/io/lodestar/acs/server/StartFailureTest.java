package io.lodestar.acs.server;

import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A start that cannot go on ends with one line naming what is in the way, never a stack trace. */
class StartFailureTest {

    @TempDir
    Path data;

    private record Outcome(int exitCode, String err) {}

    private static Outcome run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LodestarCli cli = LodestarCli.run(args);
            return new Outcome(cli.exitCode(), captured.toString(StandardCharsets.UTF_8) + cli.err());
        } finally {
            System.setErr(original);
        }
    }

    private static String lodestarLines(String err) {
        return err.lines().filter(l -> l.startsWith("lodestar: ") || l.contains("Exception") || l.startsWith("\tat "))
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    @Test
    void aCwmpPortInUseIsNamedInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Outcome outcome = run("run", "-s", "store.path=" + data, "-s", "files.port=0", "-s", "api.port=0", "--bind", "127.0.0.1",
                    "--cwmp-port", String.valueOf(taken.getLocalPort()));

            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(lodestarLines(outcome.err())).isEqualTo("lodestar: cannot listen for CWMP on 127.0.0.1:"
                    + taken.getLocalPort() + ": the port is in use by another process");
        }
    }

    @Test
    void anApiPortInUseIsNamedInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Outcome outcome = run("run", "-s", "store.path=" + data, "-s", "files.port=0", "-s", "api.bind=127.0.0.1",
                    "-s", "api.port=" + taken.getLocalPort(), "--bind", "127.0.0.1", "--cwmp-port", "0");

            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(lodestarLines(outcome.err())).startsWith("lodestar: ").doesNotContain("\n")
                    .doesNotContain("Exception").contains(String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void aStoreOpenInAnotherProcessIsNamedWithItsHolder() {
        try (RocksAcsStore holder = RocksAcsStore.open(data, RocksAcsStore.Option.NO_SYNC)) {
            Outcome outcome = run("run", "-s", "store.path=" + data, "-s", "files.port=0", "-s", "api.port=0", "--bind", "127.0.0.1",
                    "--cwmp-port", "0");

            assertThat(outcome.exitCode()).isEqualTo(1);
            String line = lodestarLines(outcome.err());
            assertThat(line).startsWith("lodestar: the store in " + data.toAbsolutePath().normalize()
                    + " is open in another process").doesNotContain("\n").doesNotContain("Exception");
            if (Path.of("/proc/locks").toFile().canRead()) {
                assertThat(line).contains("held by this very process " + ProcessHandle.current().pid());
            }
        }
    }
}
