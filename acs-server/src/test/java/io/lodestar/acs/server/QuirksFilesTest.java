package io.lodestar.acs.server;

import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.session.DiscoveryMode;
import io.lodestar.acs.core.session.QuirkTable;
import io.lodestar.acs.server.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuirksFilesTest {

    @TempDir
    Path data;

    @Test
    void withoutAFileOfItsOwnTheShippedTableIsLoaded() {
        assertThat(QuirksFiles.load(data).entries()).isEqualTo(QuirkTable.EMPTY.entries());
    }

    @Test
    void theDataDirectorysFileIsReadOverTheShippedOne() throws Exception {
        Files.writeString(data.resolve("quirks.properties"), "quirk.x.oui = 00D09E\nquirk.x.discovery = level-by-level\n");

        QuirkTable table = QuirksFiles.load(data);

        assertThat(table.match(new DeviceIdStruct("A", "00D09E", "P", "S"), "1").discovery())
                .isEqualTo(DiscoveryMode.LEVEL_BY_LEVEL);
    }

    @Test
    void aFileThatDoesNotParseStopsTheStartNamingItsLine() throws Exception {
        Files.writeString(data.resolve("quirks.properties"), "# mine\nquirk.x.cookie = false\n");

        assertThatThrownBy(() -> QuirksFiles.load(data)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("quirks.properties line 2").hasMessageContaining("unknown key 'cookie'");
    }
}
