package io.lodestar.acs.bench.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How the benchmark's CPEs authenticate (knob {@code BENCH_AUTH}), with the credentials they use.
 *
 * <ul>
 *   <li>{@code off}: the ACS runs with {@code cwmp.auth.mode=off}; no Authorization header;</li>
 *   <li>{@code challenge}: every session starts without credentials, is answered 401 with a fresh nonce and sends
 *       the Inform again with a Digest response: one extra exchange per session, what a CPE that opens a new
 *       connection per session and keeps no nonce does;</li>
 *   <li>{@code preemptive}: the CPE keeps the last nonce it was given and answers it with the next nonce count
 *       in its next session's first Inform (RFC 7616 section 3.4, allowed by TR-069); only a stale nonce (after
 *       {@code cwmp.auth.nonce-lifetime}) costs the 401 again.</li>
 * </ul>
 *
 * @param mode     off, challenge or preemptive
 * @param username the fleet's CPE user (null when off)
 * @param password its password (null when off)
 */
record BenchAuth(String mode, String username, String password) {

    static final BenchAuth OFF = new BenchAuth("off", null, null);

    static BenchAuth parse(String mode) {
        String m = mode.toLowerCase(Locale.ROOT);
        if (!m.equals("off") && !m.equals("challenge") && !m.equals("preemptive")) {
            throw new IllegalArgumentException("--auth takes off, challenge or preemptive, not '" + mode + "'");
        }
        return new BenchAuth(m, null, null);
    }

    boolean on() {
        return !mode.equals("off");
    }

    boolean preemptive() {
        return mode.equals("preemptive");
    }

    /** This mode with the credentials of the {@code cpe-credentials} file the ACS wrote at its first start. */
    BenchAuth withCredentials(Path file) throws IOException {
        String user = null;
        String pass = null;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("username=")) {
                user = line.substring("username=".length()).trim();
            } else if (line.startsWith("password=")) {
                pass = line.substring("password=".length()).trim();
            }
        }
        if (user == null || pass == null) {
            throw new IOException("no username and password in " + file);
        }
        return new BenchAuth(mode, user, pass);
    }
}
