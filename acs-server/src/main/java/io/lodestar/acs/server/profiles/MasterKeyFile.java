package io.lodestar.acs.server.profiles;

import io.lodestar.acs.profiles.crypto.SecretBox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The master key profile keys are sealed under, kept as connection request passwords' key is
 * (docs/connection-requests.md): 32 random bytes in a file of the data directory, created on first start with mode
 * 0600, never in the settings file. Every node of a cluster needs the same file; losing it loses the profile keys
 * (set or generate them again).
 */
final class MasterKeyFile {

    static final String NAME = "profile.key";

    private MasterKeyFile() {}

    static byte[] read(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[SecretBox.MASTER_KEY_LENGTH];
                new SecureRandom().nextBytes(fresh);
                try {
                    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
                    } else {
                        Files.createFile(file);
                    }
                    Files.write(file, fresh, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                    return fresh;
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != SecretBox.MASTER_KEY_LENGTH) {
                throw new IllegalStateException("the profile master key file " + file + " holds " + key.length
                        + " bytes, not 32: restore it from a backup (profile keys sealed with another key do not open)");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the profile master key " + file, e);
        }
    }
}
