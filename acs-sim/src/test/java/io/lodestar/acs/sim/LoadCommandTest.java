package io.lodestar.acs.sim;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lodestar load}'s arguments, refused before any load starts. */
class LoadCommandTest {

    @Test
    void anUnknownEngineIsRefusedWithExitCode2AndTheEnginesNamed() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new LoadCommand());
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));

        int code = cl.execute("--url", "http://127.0.0.1:1/", "--engine", "fibers", "--duration", "1s",
                "--credentials-file", "/nonexistent");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown engine fibers (async, threads)");
    }
}
