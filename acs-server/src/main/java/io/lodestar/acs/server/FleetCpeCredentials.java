package io.lodestar.acs.server;

import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import io.lodestar.acs.httpauth.Digest;
import io.lodestar.acs.httpauth.DigestAlgorithm;
import io.lodestar.acs.store.CpeCredentialStore;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * The first start's CPE credentials: with CPE authentication on and no fleet default in the store, the ACS generates
 * one (user {@value #USERNAME}, a random password), stores its Digest hashes and writes the password to
 * {@code <data dir>/cpe-credentials} (owner-only), which {@code lodestar sim} reads and an operator copies into real
 * CPEs (ManagementServer.Username, Password). The log names the file, never the password. Of several nodes starting
 * together on one store, one generates (put-if-absent); the others leave their file out.
 */
final class FleetCpeCredentials {

    static final String FILE_NAME = "cpe-credentials";
    static final String USERNAME = "lodestar-cpe";
    private static final Logger LOG = LoggerFactory.getLogger(FleetCpeCredentials.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private FleetCpeCredentials() {}

    /** Generates, stores and writes the fleet default when there is none; returns the file then, else null. */
    static Path ensure(CpeCredentialStore store, String realm, Path dataDir, Clock clock) {
        if (store.findCpeCredential(CpeCredentialScope.FLEET).isPresent()) {
            return null;
        }
        byte[] raw = new byte[18];
        RANDOM.nextBytes(raw);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                // created owner-only, so the password is never readable by others, not even briefly
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            // written before it is stored: a password stored but never written would lock every CPE out
            Files.writeString(file, "# Lodestar: the fleet's default CPE credentials, generated at the first start.\n"
                    + "# Give them to CPEs as ManagementServer.Username and ManagementServer.Password; change them with\n"
                    + "# PUT /api/v1/cpe-credentials/default (this file is not updated then).\n"
                    + "username=" + USERNAME + "\npassword=" + password + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CPE credentials file " + file + ": " + e.getMessage(), e);
        }
        CpeCredential credential = new CpeCredential(USERNAME, realm,
                Digest.ha1(DigestAlgorithm.MD5, USERNAME, realm, password),
                Digest.ha1(DigestAlgorithm.SHA_256, USERNAME, realm, password), clock.instant());
        if (!store.putCpeCredentialIfAbsent(CpeCredentialScope.FLEET, credential)) {
            try {
                Files.deleteIfExists(file); // another node generated them at the same moment: its file holds them
            } catch (IOException e) {
                LOG.warn("cannot remove {} (its credentials were not stored): {}", file, e.getMessage());
            }
            return null;
        }
        LOG.info("No CPE credentials in the store: generated the fleet's default (user {}), written to {} "
                + "(readable by its owner only)", USERNAME, file);
        return file;
    }
}
