package io.lodestar.acs.cwmp.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request bytes all connections hold in memory together, under one bound: a request body stays counted from
 * its first byte until its response is written or its connection closes.
 */
final class BufferedBytes {

    private final long max;
    private final AtomicLong held = new AtomicLong();

    BufferedBytes(long max) {
        this.max = max;
    }

    /** Counts {@code n} more bytes unless that passes the bound; false (and nothing counted) when it would. */
    boolean reserve(long n) {
        while (true) {
            long now = held.get();
            if (now + n > max) {
                return false;
            }
            if (held.compareAndSet(now, now + n)) {
                return true;
            }
        }
    }

    void release(long n) {
        held.addAndGet(-n);
    }

    long held() {
        return held.get();
    }

    long max() {
        return max;
    }
}
