package io.lodestar.acs.sim.load;

import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/** A session a device starts when it is due ({@link System#nanoTime()}), with the event that triggers it (or null). */
record Job(LoadCpe cpe, long dueNanos, String trigger) implements Delayed {

    @Override
    public long getDelay(TimeUnit unit) {
        return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
        return Long.compare(dueNanos, ((Job) o).dueNanos);
    }
}
