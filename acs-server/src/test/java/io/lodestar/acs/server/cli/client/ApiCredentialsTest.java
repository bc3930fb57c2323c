package io.lodestar.acs.server.cli.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiCredentialsTest {

    @TempDir
    Path data;

    @Test
    void theOptionWinsOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
        Files.writeString(data.resolve("admin-token"), "lst_file_secret\n");

        assertThat(ApiCredentials.resolve("lst_opt_x", "lst_env_y", data))
                .isEqualTo(new ApiCredentials("lst_opt_x", "--token"));
        assertThat(ApiCredentials.resolve(null, "lst_env_y", data))
                .isEqualTo(new ApiCredentials("lst_env_y", "LODESTAR_TOKEN"));
        assertThat(ApiCredentials.resolve(null, null, data))
                .isEqualTo(new ApiCredentials("lst_file_secret", data.resolve("admin-token").toAbsolutePath().normalize().toString()));
    }

    @Test
    void noTokenAnywhereNamesEveryPlaceLookedAt() {
        assertThatThrownBy(() -> ApiCredentials.resolve(null, " ", data))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("--token").hasMessageContaining("LODESTAR_TOKEN")
                .hasMessageContaining(data.resolve("admin-token").toString())
                .satisfies(e -> assertThat(((ApiException) e).exitCode()).isEqualTo(ExitCode.NOT_AUTHORIZED));
    }

    @Test
    void theTokenNeverShowsInTheRecordsText() {
        assertThat(new ApiCredentials("lst_a_secret", "--token").toString()).doesNotContain("secret");
    }

    @Test
    void idsAndValuesAreEncodedSoTheApiReceivesThemAsTyped() {
        assertThat(UriText.encode("0CD0F8-CP%2D8851-SIM1")).isEqualTo("0CD0F8-CP%252D8851-SIM1");
        assertThat(UriText.query("filter", "tag = \"lab\"", "cursor", null, "limit", 5))
                .isEqualTo("?filter=tag%20%3D%20%22lab%22&limit=5");
        assertThat(UriText.query("prefix", null)).isEmpty();
    }
}
