package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.session.SessionChanges;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A one-off measurement for docs/store.md, not a test: commits per second of sessions that each write 1000
 * parameters (and an inform), with the write-ahead log synced and not. Usage:
 * {@code java -cp <test classpath> io.lodestar.acs.store.embedded.CommitThroughput <dir> [seconds] [params]}.
 */
public final class CommitThroughput {

    private CommitThroughput() {}

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int params = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Files.createDirectories(base);
        double sync = run(Files.createTempDirectory(base, "sync"), seconds, params);
        double noSync = run(Files.createTempDirectory(base, "nosync"), seconds, params, RocksAcsStore.Option.NO_SYNC);
        System.out.printf("%d-parameter commits/s: sync %.0f, no sync %.0f, ratio no-sync/sync %.1f%n",
                params, sync, noSync, noSync / sync);
    }

    private static double run(Path dir, int seconds, int params, RocksAcsStore.Option... options) {
        try (RocksAcsStore store = RocksAcsStore.open(dir, options)) {
            long commits = 0;
            long warmupEnd = System.nanoTime() + 1_000_000_000L;
            long start = 0;
            long end = Long.MAX_VALUE;
            while (System.nanoTime() < end) {
                store.commit(session(commits, params));
                commits++;
                if (start == 0 && System.nanoTime() >= warmupEnd) {
                    start = System.nanoTime();
                    end = start + seconds * 1_000_000_000L;
                    commits = 0;
                }
            }
            return commits / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static SessionChanges session(long n, int params) {
        DeviceId id = new DeviceId("bench-" + (n % 1000));
        Instant now = Instant.now();
        SessionChanges.Builder b = new SessionChanges.Builder(Device.register(id, now));
        for (int i = 0; i < params; i++) {
            b.upsert(new Parameter("Device.Bench." + (i / 10) + ".Value" + (i % 10), "value " + n + "/" + i,
                    "xsd:string", true, now));
        }
        b.inform(new InformRecord(id, now, List.of(EventStruct.of(EventStruct.PERIODIC)), "10.0.0.1", 0));
        return b.build();
    }
}
