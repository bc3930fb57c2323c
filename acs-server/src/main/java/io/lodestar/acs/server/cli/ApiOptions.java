package io.lodestar.acs.server.cli;

import io.lodestar.acs.server.cli.client.ApiClient;
import io.lodestar.acs.server.cli.client.ApiCredentials;
import io.lodestar.acs.server.cli.client.ApiException;
import io.lodestar.acs.server.cli.client.ExitCode;
import io.lodestar.acs.server.cli.output.OutputFormat;
import io.lodestar.acs.api.ApiSettings;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.ConfigException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * The options of every command that talks to the running ACS: where its API is, which token to send (by
 * default the admin token the ACS wrote into its data directory, found through the same settings as
 * {@code lodestar run}: {@code --data}, {@code --config}, {@code -s store.path=...}) and how to print.
 */
final class ApiOptions {

    @Option(names = "--api", paramLabel = "URL",
            description = "The ACS's API (default: $" + ApiClient.URL_ENVIRONMENT_VARIABLE
                    + ", else from the settings api.bind and api.port: " + ApiClient.DEFAULT_URL + ").")
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
        AcsConfig config = config();
        String url = api != null ? api : environment.getOrDefault(ApiClient.URL_ENVIRONMENT_VARIABLE, settingsUrl(config.api()));
        return new ApiClient(ApiClient.parseUrl(url),
                ApiCredentials.resolve(token, environment.get(ApiCredentials.ENVIRONMENT_VARIABLE), config.dataDirectory()));
    }

    /** Where the ACS run with the same settings listens: a wildcard bind is reached on loopback. */
    static String settingsUrl(ApiSettings settings) {
        String host = settings.bind();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = settings.port() == 0 ? 7557 : settings.port(); // 0 (any free port) cannot be guessed
        return (settings.tls() ? "https" : "http") + "://" + host + ":" + port;
    }

    private AcsConfig config() {
        try {
            return settings.load(Map.of());
        } catch (ConfigException e) {
            throw new ApiException(ExitCode.REFUSED, e.getMessage());
        }
    }
}
