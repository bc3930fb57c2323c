package io.lodestar.acs.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lodestar token}: the API tokens of the running ACS (an admin token is needed for these). */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Create, list and revoke the running ACS's API tokens (needs an admin token).",
        subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenRevokeCommand.class})
final class TokenCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
