package io.lodestar.acs.bench.session;

import io.lodestar.acs.server.LodestarServer;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The ACS under test, composed exactly as {@code lodestar run} composes it ({@link LodestarServer#start} from the
 * settings' defaults: embedded RocksDB store behind the Caffeine read cache, 16 session workers), with a few
 * settings changed for the benchmark: loopback and a free port, a fresh store directory, discovery in one
 * GetParameterNames and GetParameterValues of 1000 names (only the set-up's first sessions discover, and
 * faster so), the read cache big enough for every device, and
 * store sync as asked. {@link LodestarServer}, {@link Settings} and {@link AcsConfig#from} are the same before
 * and after the store was split into modules, so this compiles against either checkout.
 */
final class BenchAcs implements AutoCloseable {

    private final Path dir;
    private final LodestarServer server;

    private final BenchAuth auth;

    private BenchAcs(Path dir, LodestarServer server, BenchAuth auth) {
        this.dir = dir;
        this.server = server;
        this.auth = auth;
    }

    static BenchAcs start(long cachedParameters, boolean sync) throws IOException, InterruptedException {
        return start(cachedParameters, sync, BenchAuth.OFF);
    }

    /**
     * @param auth how the load client authenticates; anything but {@link BenchAuth#OFF} starts the ACS with CPE
     *             authentication on, as shipped (the fleet's generated credentials, read back from the data
     *             directory's {@code cpe-credentials} file)
     */
    static BenchAcs start(long cachedParameters, boolean sync, BenchAuth auth) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("lodestar-session-bench-");
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("cwmp.bind", "127.0.0.1");
        flags.put("cwmp.port", "0");
        flags.put("api.port", "0");
        flags.put("files.port", "0");
        flags.put("cwmp.auth.mode", auth.on() ? "on" : "off");
        flags.put("store.path", dir.resolve("data").toString());
        flags.put("store.sync", String.valueOf(sync));
        // about 300 bytes of heap per cached parameter (CachingAcsStore weighs entries in bytes)
        flags.put("store.cache-max-bytes", String.valueOf(Math.max(2_000_000L, cachedParameters) * 300));
        flags.put("session.discovery", "full-tree");
        flags.put("session.values-per-request", "1000");
        try {
            LodestarServer server = LodestarServer.start(AcsConfig.from(Settings.load(null, Map.of(), flags)));
            return new BenchAcs(dir, server, !auth.on() ? auth
                    : auth.withCredentials(dir.resolve("data").resolve("cpe-credentials")));
        } catch (RuntimeException | InterruptedException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** How the load client authenticates, with the fleet's credentials when it does. */
    BenchAuth auth() {
        return auth;
    }

    int port() {
        return server.cwmpPort();
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
            throw new UncheckedIOException("cannot delete the benchmark store " + dir, e);
        }
    }
}
