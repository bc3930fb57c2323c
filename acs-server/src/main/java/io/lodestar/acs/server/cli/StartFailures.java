package io.lodestar.acs.server.cli;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One clear line for a start that fails on something outside the ACS: a port another process listens on, or a
 * store another process holds open (its process id and command, found in {@code /proc/locks} on Linux).
 */
final class StartFailures {

    private StartFailures() {}

    /**
     * The store's failure (its message), naming the process that holds the store's lock when that is the cause.
     * Given the message, not the exception: the command line sees no store classes (ArchitectureTest).
     */
    static String describeStoreFailure(String message, Path storeDirectory) {
        if (message == null || !message.contains("lock")) {
            return String.valueOf(message);
        }
        return "the store in " + storeDirectory.toAbsolutePath().normalize() + " is open in another process"
                + lockHolder(storeDirectory.resolve("LOCK")).map(holder -> " (" + holder + ")").orElse("")
                + ": stop it, or give this one another store.path";
    }

    /** The line for a failure caused by a port in use, or null when that is not the cause. */
    static String portInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return "cannot listen: " + e.getMessage() + " (" + bind.getMessage()
                        + "): another process uses the port; stop it or choose another port";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** "process 1234: java -jar lodestar.jar run", from the kernel's table of file locks (Linux), if found. */
    static Optional<String> lockHolder(Path lockFile) {
        try {
            Object inode = Files.getAttribute(lockFile, "unix:ino");
            Path locks = Path.of("/proc/locks");
            if (!Files.isReadable(locks)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(locks);
            for (String line : lines) {
                // 1: POSIX  ADVISORY  WRITE 4321 08:01:1234567 0 EOF
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 6) {
                    continue;
                }
                int offset = fields[1].equals("->") ? 1 : 0;
                String pid = fields[4 + offset];
                String device = fields[5 + offset];
                if (device.endsWith(":" + inode)) {
                    if (pid.equals(String.valueOf(ProcessHandle.current().pid()))) {
                        return Optional.of("held by this very process " + pid);
                    }
                    String command = ProcessHandle.of(Long.parseLong(pid)).flatMap(p -> p.info().commandLine())
                            .map(c -> ": " + (c.length() > 120 ? c.substring(0, 120) + "..." : c)).orElse("");
                    return Optional.of("held by process " + pid + command);
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // not Linux, or not allowed to look: the line says less, nothing more
        }
        return Optional.empty();
    }
}
