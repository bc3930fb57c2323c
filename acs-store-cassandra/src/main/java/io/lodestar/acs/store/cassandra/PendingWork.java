package io.lodestar.acs.store.cassandra;

/**
 * The markers of pending work of the device {@code loadSnapshot} just read ({@link StoredDevice#noPendingTasks},
 * {@link StoredDevice#noOperations}), handed to the {@code pendingTasks} and {@code operations} calls with which a
 * session opens ({@code SessionService}: {@code loadSnapshot}, {@code pendingTasks}, {@code operations}, one after
 * the other on one thread), so that they need not read an empty queue or partition.
 *
 * <p>Each call takes the markers once, only on the thread that read them, for the same device, and within
 * {@value #FRESH_MILLIS} ms; every write of this store on that thread forgets them first. So those two calls
 * answer as of the {@code devices} read of the {@code loadSnapshot} right before them (a fraction of a millisecond
 * earlier), and any other call reads. A task queued in between is the same as a task queued right after the
 * queue's read: its marker stays set, and the device's next session reads and delivers it.
 */
final class PendingWork {

    static final long FRESH_MILLIS = 1_000;

    private static final class Hint {
        final String device;
        final long readAtNanos;
        final StoredDevice stored;
        boolean tasksTaken;
        boolean operationsTaken;

        Hint(String device, long readAtNanos, StoredDevice stored) {
            this.device = device;
            this.readAtNanos = readAtNanos;
            this.stored = stored;
        }
    }

    private final ThreadLocal<Hint> last = new ThreadLocal<>();

    /** What {@code loadSnapshot} read of the device, for the calls that follow it on this thread. */
    void read(String device, StoredDevice stored) {
        last.set(new Hint(device, System.nanoTime(), stored));
    }

    /** Drops what this thread read: it writes, or reads the device anew. */
    void forget() {
        last.remove();
    }

    /** The device row {@code loadSnapshot} read right before on this thread, for the task queue; null to read. */
    StoredDevice forTasks(String device) {
        Hint h = fresh(device);
        if (h == null || h.tasksTaken) {
            return null;
        }
        h.tasksTaken = true;
        done(h);
        return h.stored;
    }

    /** The device row {@code loadSnapshot} read right before on this thread, for the operations; null to read. */
    StoredDevice forOperations(String device) {
        Hint h = fresh(device);
        if (h == null || h.operationsTaken) {
            return null;
        }
        h.operationsTaken = true;
        done(h);
        return h.stored;
    }

    private Hint fresh(String device) {
        Hint h = last.get();
        if (h == null) {
            return null;
        }
        if (!h.device.equals(device) || System.nanoTime() - h.readAtNanos > FRESH_MILLIS * 1_000_000L) {
            last.remove();
            return null;
        }
        return h;
    }

    private void done(Hint h) {
        if (h.tasksTaken && h.operationsTaken) {
            last.remove();
        }
    }
}
