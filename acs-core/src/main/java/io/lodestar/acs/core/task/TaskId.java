package io.lodestar.acs.core.task;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;

/**
 * A task's identity: a UUIDv7-style string whose lexical order is creation order, so that any store,
 * embedded or distributed, can keep a device's queue in order by sorting ids.
 */
public record TaskId(String value) implements Comparable<TaskId> {

    private static final SecureRandom RANDOM = new SecureRandom();

    public TaskId {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new IllegalArgumentException("not a task id: " + value);
        }
    }

    /** A new id ordered after every id created before {@code now} (millisecond resolution, random below). */
    public static TaskId create(Instant now) {
        long millis = now.toEpochMilli();
        long randA = RANDOM.nextInt(1 << 12);
        long high = (millis << 16) | 0x7000L | randA;
        long low = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        String hex = String.format("%016x%016x", high, low);
        return new TaskId(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
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
