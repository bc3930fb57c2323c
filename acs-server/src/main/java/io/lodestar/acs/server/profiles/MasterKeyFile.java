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

    /**
     * The key of {@code profiles.key-file}: the file must exist (a key made here would differ from the other nodes'),
     * holding 32 bytes, or 64 hex digits (whitespace around them ignored: a secret written as text).
     */
    static byte[] readGiven(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("setting 'profiles.key-file': no file " + file + " (give every node the "
                    + "same 32-byte key, e.g. head -c 32 /dev/urandom > profile.key, or leave the setting empty)");
        }
        try {
            byte[] raw = Files.readAllBytes(file);
            if (raw.length == SecretBox.MASTER_KEY_LENGTH) {
                return raw;
            }
            String text = new String(raw, java.nio.charset.StandardCharsets.US_ASCII).strip();
            if (text.matches("[0-9a-fA-F]{64}")) {
                return java.util.HexFormat.of().parseHex(text);
            }
            throw new IllegalStateException("setting 'profiles.key-file': " + file + " holds neither 32 bytes nor 64 "
                    + "hex digits");
        } catch (IOException e) {
            throw new UncheckedIOException("setting 'profiles.key-file': cannot read " + file, e);
        }
    }

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
