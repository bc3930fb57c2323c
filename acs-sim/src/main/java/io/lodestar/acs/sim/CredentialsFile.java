package io.lodestar.acs.sim;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The CPE credentials file the ACS's first start writes ({@code <data dir>/cpe-credentials}: {@code username=} and
 * {@code password=} lines), so that simulated CPEs authenticate without the password on the command line.
 */
final class CredentialsFile {

    record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=<hidden>]";
        }
    }

    private CredentialsFile() {}

    /**
     * @throws IOException when the file cannot be read or lacks a username or password
     */
    static Credentials read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String username = p.getProperty("username", "").trim();
        String password = p.getProperty("password", "").trim();
        if (username.isEmpty() || password.isEmpty()) {
            throw new IOException("no username= and password= lines");
        }
        return new Credentials(username, password);
    }
}
