package io.lodestar.acs.profiles.crypto;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code openssl} command line (and gunzip) as a process. Installs nothing: when openssl is not on the
 * PATH the calling test is skipped with a message saying so.
 */
public final class Openssl {

    private Openssl() {
    }

    public static void assumePresent() {
        Assumptions.assumeTrue(onPath("openssl"), "the openssl command line is not on the PATH (`which openssl` finds "
                + "nothing): interoperability with it cannot be checked on this machine");
    }

    public static void assumeGunzipPresent() {
        Assumptions.assumeTrue(onPath("gunzip"), "gunzip is not on the PATH");
    }

    /** {@code openssl enc -d -aes-256-cbc -md md5 -k SECRET -in F}: what a phone does with the served bytes. */
    public static byte[] decrypt(Path in, String secret) throws IOException, InterruptedException {
        return run(List.of("openssl", "enc", "-d", "-aes-256-cbc", "-md", "md5", "-k", secret, "-in", in.toString()));
    }

    /** {@code openssl enc -e -aes-256-cbc -md md5 -k SECRET -in F}: what an operator does by hand. */
    public static byte[] encrypt(Path in, String secret) throws IOException, InterruptedException {
        return run(List.of("openssl", "enc", "-e", "-aes-256-cbc", "-md", "md5", "-k", secret, "-in", in.toString()));
    }

    public static byte[] gunzip(Path in) throws IOException, InterruptedException {
        return run(List.of("gunzip", "-c", in.toString()));
    }

    private static byte[] run(List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("openssl", ".err");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish in 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command.subList(0, 4)) + " ... failed with "
                        + p.exitValue() + ": " + Files.readString(err));
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
