package io.lodestar.acs.server.cli;

import io.lodestar.acs.server.cli.client.ApiClient;
import io.lodestar.acs.server.cli.client.ApiCredentials;
import io.lodestar.acs.server.cli.client.ApiException;
import io.lodestar.acs.server.cli.client.ExitCode;
import io.lodestar.acs.server.cli.output.OutputFormat;
import io.lodestar.acs.server.config.ConfigException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * The options of every command that talks to the running ACS: where its API is, which token to send (by
 * default the admin token the ACS wrote into its data directory, found through the same settings as
 * {@code lodestar run}: {@code --data}, {@code --config}, {@code -s store.path=...}) and how to print.
 */
final class ApiOptions {

    @Option(names = "--api", paramLabel = "URL",
            description = "The ACS's API (default: $" + ApiClient.URL_ENVIRONMENT_VARIABLE + ", else " + ApiClient.DEFAULT_URL + ").")
    String api;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API token (default: $" + ApiCredentials.ENVIRONMENT_VARIABLE
                    + ", else the file admin-token in the data directory).")
    String token;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = OutputFormat.Converter.class,
            description = "table (default), json or csv.")
    OutputFormat format;

    @Mixin
    SettingsOptions settings = new SettingsOptions();

    /** A client of the API these options name, with the token they lead to. */
    ApiClient client(Map<String, String> environment) {
        String url = api != null ? api : environment.getOrDefault(ApiClient.URL_ENVIRONMENT_VARIABLE, ApiClient.DEFAULT_URL);
        return new ApiClient(ApiClient.parseUrl(url),
                ApiCredentials.resolve(token, environment.get(ApiCredentials.ENVIRONMENT_VARIABLE), dataDir()));
    }

    private Path dataDir() {
        try {
            return settings.load(Map.of()).store().path();
        } catch (ConfigException e) {
            throw new ApiException(ExitCode.REFUSED, e.getMessage());
        }
    }
}
