package io.lodestar.acs.store.cassandra;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write timestamps (microseconds since the epoch) of the Cassandra store: every write names its
 * timestamp ({@code USING TIMESTAMP}), so a session's deletes and the upserts after them, a retried write and
 * the repair of a lagging index all order exactly as they were meant to. One clock per JVM: timestamps never
 * repeat and never go back, also across store instances; they follow the wall clock (so the ACS nodes of a
 * cluster need synchronised clocks, as every Cassandra client does) and run ahead of it only when more than
 * one timestamp per microsecond is asked for.
 */
final class WriteClock {

    private static final AtomicLong LAST = new AtomicLong();

    private WriteClock() {}

    /**
     * Reserves {@code count} consecutive timestamps and returns the first: above every timestamp reserved
     * before in this JVM, and at least {@code atLeast} (a write time read from the store, plus one, so that a
     * write to a device orders after what is stored for it even when another node's clock runs ahead). Such a
     * bump applies to this reservation only; the clock itself never jumps to another node's time.
     */
    static long reserve(int count, long atLeast) {
        long now = nowMicros();
        while (true) {
            long last = LAST.get();
            long first = Math.max(now, last + 1);
            if (LAST.compareAndSet(last, first + count - 1)) {
                return Math.max(first, atLeast);
            }
        }
    }

    static long reserve(int count) {
        return reserve(count, Long.MIN_VALUE);
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
