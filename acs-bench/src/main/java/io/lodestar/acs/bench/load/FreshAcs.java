package io.lodestar.acs.bench.load;

import io.lodestar.acs.server.LodestarServer;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A fresh ACS for one measurement, composed as {@code lodestar run} composes it (embedded RocksDB store behind
 * the device cache), in this JVM, on a temporary data directory that is deleted afterwards, with CPE authentication
 * on (as shipped: the first start generates the fleet's credentials into the data directory) or off. Loopback and
 * free ports; discovery in one full-tree GetParameterNames (only the priming discovers); store sync as asked.
 */
final class FreshAcs implements AutoCloseable {

    private final Path dir;
    private final LodestarServer server;

    private FreshAcs(Path dir, LodestarServer server) {
        this.dir = dir;
        this.server = server;
    }

    static FreshAcs start(boolean auth, boolean sync, int devices) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("lodestar-load-bench-");
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("cwmp.bind", "127.0.0.1");
        flags.put("cwmp.port", "0");
        flags.put("api.port", "0");
        flags.put("files.port", "0");
        flags.put("store.path", dir.resolve("data").toString());
        flags.put("store.sync", String.valueOf(sync));
        flags.put("cwmp.auth.mode", auth ? "on" : "off");
        flags.put("session.discovery", "full-tree");
        flags.put("session.values-per-request", "1000");
        // about 300 bytes of heap per cached parameter: every device's tree stays cached
        flags.put("store.cache-max-bytes", String.valueOf(Math.max(64_000_000L, devices * 250L * 300)));
        try {
            return new FreshAcs(dir, LodestarServer.start(AcsConfig.from(Settings.load(null, Map.of(), flags))));
        } catch (RuntimeException | InterruptedException e) {
            deleteTree(dir);
            throw e;
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.cwmpPort() + "/");
    }

    /** The fleet's CPE credentials the first start generated: {username, password}. */
    String[] credentials() throws IOException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(dir.resolve("data").resolve("cpe-credentials"))) {
            p.load(r);
        }
        return new String[] {p.getProperty("username"), p.getProperty("password")};
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the benchmark data " + dir, e);
        }
    }
}
