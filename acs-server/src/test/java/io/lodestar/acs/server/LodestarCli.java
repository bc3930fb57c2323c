package io.lodestar.acs.server;

import io.lodestar.acs.server.cli.LodestarCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code lodestar} command line in this JVM, as a user would type it, and keeps what it printed. */
record LodestarCli(int exitCode, String out, String err) {

    static LodestarCli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new LodestarCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new LodestarCli(code, out.toString(), err.toString());
    }
}
