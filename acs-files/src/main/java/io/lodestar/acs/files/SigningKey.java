package io.lodestar.acs.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The key that signs file URLs: the {@code files.signing-key} setting when given (a cluster's nodes share it), or
 * else 32 random bytes kept in {@code <data directory>/files-signing-key} (owner-only), made on the first start and
 * read on every later one, so that URLs handed out before a restart stay valid.
 */
public final class SigningKey {

    /** The file's name in the data directory. */
    public static final String FILE = "files-signing-key";

    private SigningKey() {}

    /** The configured key, or the data directory's (made when missing). */
    public static byte[] resolve(FilesSettings settings, Path dataDirectory) {
        if (settings.signingKey() != null) {
            return HexFormat.of().parseHex(settings.signingKey());
        }
        return fromDirectory(dataDirectory);
    }

    static byte[] fromDirectory(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException raced) {
                    return read(file);
                }
                Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
                return key;
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the file URL signing key " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!hex.matches("[0-9a-fA-F]{64,}")) {
            throw new IOException("expected at least 64 hex digits");
        }
        return HexFormat.of().parseHex(hex);
    }
}
