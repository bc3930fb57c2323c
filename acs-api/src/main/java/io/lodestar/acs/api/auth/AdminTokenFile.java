package io.lodestar.acs.api.auth;

import io.lodestar.acs.core.access.TokenScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The first start's admin token: when the store holds no token, one with the admin scope is created and its text
 * written to {@code <data dir>/admin-token}, readable by the owner only. The log names the file, never the token.
 */
public final class AdminTokenFile {

    public static final String FILE_NAME = "admin-token";
    private static final Logger LOG = LoggerFactory.getLogger(AdminTokenFile.class);

    private AdminTokenFile() {}

    /** Creates and writes the admin token when the store has none; returns the file then, else null. */
    public static Path ensure(Tokens tokens, Path dataDir) {
        if (!tokens.none()) {
            return null;
        }
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                // created with owner-only permissions, so the token is never readable by others, not even briefly
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Tokens.Created created = tokens.create("admin", Set.of(TokenScope.ADMIN));
            Files.writeString(file, created.text() + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token file " + file + ": " + e.getMessage(), e);
        }
        LOG.info("No API token in the store: created an admin token, written to {} (readable by its owner only)", file);
        return file;
    }
}
