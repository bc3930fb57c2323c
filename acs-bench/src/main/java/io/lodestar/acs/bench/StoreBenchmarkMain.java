package io.lodestar.acs.bench;

import io.lodestar.acs.cassandra.node.CassandraNode;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.cassandra.CassandraAcsStore;
import io.lodestar.acs.store.cassandra.CassandraStoreConfig;
import io.lodestar.acs.store.embedded.RocksAcsStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link StoreLoadBenchmark} on the embedded store and on a Cassandra node it starts itself, one
 * after the other in one run, and prints the table for docs/store-benchmark.md.
 *
 * <pre>
 * mvn -B -q -pl acs-bench -am package -DskipTests
 * java -cp 'acs-bench/target/acs-bench-0.1.0-SNAPSHOT.jar:acs-bench/target/lib/*' \
 *      io.lodestar.acs.bench.StoreBenchmarkMain [devices] [parameters] [threads] [loads]
 * </pre>
 */
public final class StoreBenchmarkMain {

    private StoreBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        StoreLoadBenchmark.Shape shape = new StoreLoadBenchmark.Shape(arg(args, 0, 200), arg(args, 1, 1000),
                arg(args, 2, 8), arg(args, 3, 2000));
        Instant start = Instant.now();
        Path work = Files.createTempDirectory("lodestar-store-bench");
        List<StoreLoadBenchmark.Figures> figures = new ArrayList<>();
        figures.add(StoreLoadBenchmark.run("embedded (RocksDB, synced)", () -> RocksAcsStore.open(work.resolve("rocks")), shape));
        try (CassandraNode node = CassandraNode.builder().directory(work.resolve("cassandra")).build().start()) {
            CassandraStoreConfig config = CassandraStoreConfig.of(
                    List.of("127.0.0.1:" + node.contactPoint().getPort()), node.localDatacenter())
                    .withKeyspace("bench");
            figures.add(StoreLoadBenchmark.run("Cassandra 5.0.2 (one local node, LOCAL_QUORUM)",
                    () -> (AcsStore) CassandraAcsStore.open(config), shape));
        }
        System.out.println(StoreLoadBenchmark.report(figures, shape, Duration.between(start, Instant.now())));
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
