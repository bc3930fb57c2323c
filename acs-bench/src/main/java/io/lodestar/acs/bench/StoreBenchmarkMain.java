package io.lodestar.acs.bench;

import io.lodestar.acs.cassandra.node.CassandraNode;
import io.lodestar.acs.store.cassandra.CassandraAcsStore;
import io.lodestar.acs.store.cassandra.CassandraStoreConfig;
import io.lodestar.acs.store.embedded.RocksAcsStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs {@link StoreLoadBenchmark} on the embedded store and on a Cassandra node it starts itself, one
 * after the other in one run, and prints the tables for docs/store-benchmark.md. Every store lives in a
 * temporary directory (Cassandra: one keyspace per store), deleted at the end.
 *
 * <pre>
 * mvn -B -q -pl acs-bench -am package -DskipTests
 * java -cp 'acs-bench/target/acs-bench-0.1.0-SNAPSHOT.jar:acs-bench/target/lib/*' \
 *      io.lodestar.acs.bench.StoreBenchmarkMain [devices] [parameters] [threads] [loads] [searches]
 * </pre>
 */
public final class StoreBenchmarkMain {

    private StoreBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        StoreLoadBenchmark.Shape shape = new StoreLoadBenchmark.Shape(arg(args, 0, 200), arg(args, 1, 1000),
                arg(args, 2, 8), arg(args, 3, 2000), arg(args, 4, 1000));
        Instant start = Instant.now();
        Path work = Files.createTempDirectory("lodestar-store-bench");
        try {
            List<StoreLoadBenchmark.Figures> figures = new ArrayList<>();
            figures.add(StoreLoadBenchmark.run("embedded", "embedded (RocksDB, synced)",
                    (name, indexed) -> RocksAcsStore.open(work.resolve("rocks-" + name), indexed), shape));
            try (CassandraNode node = CassandraNode.builder().directory(work.resolve("cassandra")).build().start()) {
                CassandraStoreConfig config = CassandraStoreConfig.of(
                        List.of("127.0.0.1:" + node.contactPoint().getPort()), node.localDatacenter());
                figures.add(StoreLoadBenchmark.run("Cassandra", "Cassandra 5.0.2 (one local node, LOCAL_QUORUM)",
                        (name, indexed) -> CassandraAcsStore.open(config.withKeyspace("bench_" + name), indexed),
                        shape));
            }
            System.out.println(StoreLoadBenchmark.report(figures, shape, Duration.between(start, Instant.now())));
        } finally {
            delete(work);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
