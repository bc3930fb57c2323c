package io.lodestar.acs.server.cli.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The token a command sends, and where it came from, so that a refused token is reported with its source.
 *
 * @param token  the token text ({@code lst_<id>_<secret>})
 * @param source where it was found: {@code --token}, {@code LODESTAR_TOKEN} or the token file's path
 */
public record ApiCredentials(String token, String source) {

    public static final String ENVIRONMENT_VARIABLE = "LODESTAR_TOKEN";
    public static final String ADMIN_TOKEN_FILE = "admin-token";

    public ApiCredentials {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(source, "source");
    }

    /**
     * The token given on the command line, else the one in the environment, else the admin token the ACS wrote
     * into its data directory on its first start.
     *
     * @throws ApiException NOT_AUTHORIZED when none of them has a token, naming every place looked at
     */
    public static ApiCredentials resolve(String option, String environment, Path dataDir) {
        if (option != null && !option.isBlank()) {
            return new ApiCredentials(option.strip(), "--token");
        }
        if (environment != null && !environment.isBlank()) {
            return new ApiCredentials(environment.strip(), ENVIRONMENT_VARIABLE);
        }
        Path file = dataDir.resolve(ADMIN_TOKEN_FILE).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new ApiException(ExitCode.NOT_AUTHORIZED, "no API token: pass --token TOKEN or set "
                    + ENVIRONMENT_VARIABLE + ", or point --data at the ACS's data directory (there is no " + file
                    + "; the ACS writes it on its first start)");
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new ApiException(ExitCode.NOT_AUTHORIZED, "the token file " + file + " is empty");
            }
            return new ApiCredentials(text, file.toString());
        } catch (IOException e) {
            throw new ApiException(ExitCode.NOT_AUTHORIZED, "cannot read the token file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ApiCredentials[token from " + source + "]"; // never the token itself
    }
}
