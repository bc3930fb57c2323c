package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskStatus;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The child process of {@link CrashTest}: opens the store given as the first argument and commits sessions
 * in a loop until it is killed, printing each commit's sequence number on stdout once commit() has returned.
 * What commit {@code n} writes is a pure function of {@code n}, so the parent can check it byte for byte.
 */
public final class CrashWriter {

    static final int DEVICES = 8;
    static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");

    private CrashWriter() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        RocksAcsStore store = RocksAcsStore.open(Path.of(args[0]));
        out.println("open");
        out.flush();
        for (long n = 0; ; n++) {
            store.commit(changes(n));
            out.println(n);
            out.flush();
        }
    }

    static DeviceId device(long n) {
        return new DeviceId("crash-" + (n % DEVICES));
    }

    static Instant at(long n) {
        return BASE.plusMillis(n);
    }

    static String path(long n) {
        return "Device.Commit." + n + ".Payload";
    }

    static String payload(long n) {
        return ("commit " + n + " ü ").repeat(1 + (int) (n % 50));
    }

    /** The task commit n queues: its id derives from n, so the parent knows it. */
    static Task task(long n) {
        String hex = String.format("%012x", n);
        TaskId id = new TaskId("0190a000-0000-7000-8000-" + hex);
        return new Task(id, device(n), new TaskAction.Reboot("crash-" + n), TaskStatus.PENDING, at(n),
                at(n).plus(Duration.ofDays(1)), 0, at(n), null, null, null);
    }

    static InformRecord inform(long n) {
        return new InformRecord(device(n), at(n), List.of(EventStruct.of(EventStruct.PERIODIC)), "10.0.0.1",
                (int) n);
    }

    static SessionChanges changes(long n) {
        Device d = Device.register(device(n), BASE);
        return new SessionChanges.Builder(d)
                .upsert(new Parameter(path(n), payload(n), "xsd:string", true, at(n)))
                .upsert(new Parameter("Device.Last", Long.toString(n), "xsd:unsignedLong", false, at(n)))
                .task(task(n))
                .inform(inform(n))
                .build();
    }
}
