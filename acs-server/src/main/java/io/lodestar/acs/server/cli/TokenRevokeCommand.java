package io.lodestar.acs.server.cli;

import io.lodestar.acs.server.cli.client.ApiClient;
import io.lodestar.acs.server.cli.client.ExitCode;
import io.lodestar.acs.server.cli.client.UriText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code lodestar token revoke ID}: the token stops working at once. */
@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token (by its id, from token list).")
final class TokenRevokeCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    int run(ApiClient client, PrintWriter out, PrintWriter err) {
        client.delete("/api/v1/tokens/" + UriText.encode(id));
        out.println("revoked token " + id);
        return ExitCode.OK;
    }
}
