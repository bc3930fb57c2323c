package io.lodestar.acs.core.task;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A task's identity: a UUIDv7-style string whose lexical order is creation order, so that any store,
 * embedded or distributed, can keep a device's queue in order by sorting ids. The random bits make ids made on
 * different nodes in the same millisecond distinct; they need not be unguessable (a task is always looked up
 * together with its device, by an authenticated operator), so the engine uses ThreadLocalRandom rather than a
 * SecureRandom that may read the operating system's entropy source.
 */
public record TaskId(String value) implements Comparable<TaskId> {

    private static final AtomicLong LAST_HIGH = new AtomicLong();

    public TaskId {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new IllegalArgumentException("not a task id: " + value);
        }
    }

    /** A new id ordered after every id created before {@code now} (millisecond resolution, random below). */
    public static TaskId create(Instant now) {
        long millis = now.toEpochMilli();
        long candidate = (millis << 16) | 0x7000L | ThreadLocalRandom.current().nextInt(1 << 11);
        // ids created in the same millisecond still sort in creation order: the 12-bit field counts up
        long high = LAST_HIGH.accumulateAndGet(candidate,
                (last, next) -> next <= last && (last >>> 16) - (next >>> 16) < 2 ? nextInMillisecond(last) : next);
        long low = (ThreadLocalRandom.current().nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        String hex = String.format("%016x%016x", high, low);
        return new TaskId(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
    }

    private static long nextInMillisecond(long last) {
        long counter = last & 0x0fffL;
        // when 4096 ids were made in one millisecond, borrow the next millisecond: order beats accuracy
        return counter == 0x0fffL ? (((last >>> 16) + 1) << 16) | 0x7000L : last + 1;
    }

    @Override
    public int compareTo(TaskId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
