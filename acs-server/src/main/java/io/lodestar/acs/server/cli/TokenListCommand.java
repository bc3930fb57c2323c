package io.lodestar.acs.server.cli;

import io.lodestar.acs.server.cli.client.ApiClient;
import io.lodestar.acs.server.cli.client.ExitCode;
import io.lodestar.acs.server.cli.output.TokenViews;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code lodestar token list}: the tokens, without their secrets. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the tokens (never their secret).")
final class TokenListCommand extends ApiCommand {

    @Override
    int run(ApiClient client, PrintWriter out, PrintWriter err) {
        var answer = client.get("/api/v1/tokens");
        print(out, answer, TokenViews.list(answer.path("items")));
        return ExitCode.OK;
    }
}
