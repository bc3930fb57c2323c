package io.lodestar.acs.server.cli;

import io.lodestar.acs.sim.LoadCommand;
import io.lodestar.acs.sim.SimulatorCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lodestar} command: run the ACS, simulate CPEs, and act on devices and tokens through the running ACS's API. */
@Command(name = "lodestar", mixinStandardHelpOptions = true, version = "Lodestar ACS 0.1.0",
        description = "Lodestar, a TR-069 (CWMP) Auto Configuration Server.",
        subcommands = {RunCommand.class, SimulatorCommand.class, DevicesCommand.class, TaskCommand.class, TokenCommand.class,
                CommandLine.HelpCommand.class, LoadCommand.class})
public final class LodestarCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // Jersey logs through java.util.logging: route it to logback, whose pattern escapes CR/LF
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(new CommandLine(new LodestarCommand()).execute(args));
    }
}
