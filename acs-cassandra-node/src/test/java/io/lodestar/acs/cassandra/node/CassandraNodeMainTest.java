package io.lodestar.acs.cassandra.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CassandraNodeMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CassandraNodeMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--dir", "--native-port", "--seeds");
    }

    @Test
    void printClasspathGivesOurClassesAndCassandra() {
        assertThat(run("--print-classpath")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("cassandra-all-5.0.2.jar");
    }

    @Test
    void badOptionsExitWithUsage() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --frobnicate", "usage:");
        assertThat(run("--native-port")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--native-port needs a value");
    }
}
