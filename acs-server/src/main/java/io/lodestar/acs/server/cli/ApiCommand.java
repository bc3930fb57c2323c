package io.lodestar.acs.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lodestar.acs.server.cli.client.ApiClient;
import io.lodestar.acs.server.cli.client.ApiException;
import io.lodestar.acs.server.cli.client.ExitCode;
import io.lodestar.acs.server.cli.output.JsonText;
import io.lodestar.acs.server.cli.output.OutputFormat;
import io.lodestar.acs.server.cli.output.Table;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A command that acts through the running ACS's API (never on the store itself, so it works while the ACS
 * runs): it gets a client from its {@link ApiOptions}, and any failure ends it with one line on stderr that
 * names the cause, and the exit code of {@link ExitCode}.
 */
abstract class ApiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api = new ApiOptions();

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(api.client(System.getenv()), out, err);
        } catch (ApiException e) {
            err.println("lodestar: " + e.getMessage());
            return e.exitCode();
        } catch (IllegalArgumentException e) {
            err.println("lodestar: " + e.getMessage());
            return ExitCode.REFUSED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Does the command's work and returns its exit code. */
    abstract int run(ApiClient client, PrintWriter out, PrintWriter err);

    OutputFormat format() {
        return api.format;
    }

    /** Prints an answer in the chosen format: the API's JSON as it came, or the table made of it. */
    void print(PrintWriter out, JsonNode answer, Table table) {
        switch (api.format) {
            case JSON -> out.print(JsonText.pretty(answer));
            case CSV -> out.print(table.csv());
            case TABLE -> out.print(table.text());
        }
    }
}
