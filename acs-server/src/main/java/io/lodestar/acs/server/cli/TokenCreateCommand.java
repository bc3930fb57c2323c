package io.lodestar.acs.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lodestar.acs.server.cli.client.ApiClient;
import io.lodestar.acs.server.cli.client.ExitCode;
import io.lodestar.acs.server.cli.output.JsonText;
import io.lodestar.acs.server.cli.output.OutputFormat;
import io.lodestar.acs.server.cli.output.TokenViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/** {@code lodestar token create NAME --scope read,write}: a new token, shown once. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a token; its text is shown only this once.")
final class TokenCreateCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "What the token is for (e.g. ci, oss-bridge).")
    String name;

    @Option(names = "--scope", paramLabel = "SCOPE", split = ",", defaultValue = "read",
            description = "read, write and/or admin, comma-separated (default read; admin implies write implies read).")
    List<String> scopes;

    @Override
    int run(ApiClient client, PrintWriter out, PrintWriter err) {
        ObjectNode body = client.json().createObjectNode().put("name", name);
        scopes.forEach(body.putArray("scopes")::add);
        JsonNode token = client.post("/api/v1/tokens", body);
        if (format() == OutputFormat.TABLE) {
            out.printf("created token %s (%s, scopes %s); it is shown only this once:%n%s%n",
                    JsonText.text(token.path("id")), JsonText.text(token.path("name")),
                    JsonText.text(token.path("scopes")), JsonText.text(token.path("token")));
        } else {
            print(out, token, TokenViews.created(token));
        }
        return ExitCode.OK;
    }
}
