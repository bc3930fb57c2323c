package io.lodestar.acs.server;

import io.lodestar.acs.core.session.QuirkTable;
import io.lodestar.acs.server.config.ConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the quirk table at start-up: the shipped {@code quirks.properties} resource of acs-core, then
 * {@code <data directory>/quirks.properties} over it when the operator wrote one. A file that does not parse
 * stops the start with its line named, rather than running without the workaround it was meant to give.
 */
final class QuirksFiles {

    static final String RESOURCE = "/io/lodestar/acs/core/session/quirks.properties";
    static final String FILE_NAME = "quirks.properties";

    private QuirksFiles() {}

    static QuirkTable load(Path dataDirectory) {
        QuirkTable table = QuirkTable.EMPTY;
        try (InputStream in = QuirkTable.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                table = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "quirks.properties (shipped)");
            }
            Path own = dataDirectory == null ? null : dataDirectory.resolve(FILE_NAME);
            if (own != null && Files.isRegularFile(own)) {
                table = table.overriddenBy(parse(Files.readString(own, StandardCharsets.UTF_8), own.toString()));
            }
        } catch (IOException e) {
            // a clean start-up failure like any other bad setting, not a stack trace
            throw new ConfigException("cannot read the quirk table " + dataDirectory.resolve(FILE_NAME) + ": " + e);
        }
        return table;
    }

    private static QuirkTable parse(String text, String source) {
        try {
            return QuirkTable.parse(text, source);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
