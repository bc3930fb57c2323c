package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import io.lodestar.acs.core.device.Device;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * What {@code devices} holds for an id (read by {@link Statements#selectDevice}), with the write times that
 * later writes of the device must exceed. {@code device} is null when there is no device (never written, or
 * deleted: then only the {@code deleted_at} marker is left, or the markers of tasks queued for it).
 *
 * <p>The markers of pending work (V014, docs/cassandra-store.md, "Pending work in the devices row"):
 * {@code pendingTasks} the ids of the tasks whose latest write left them pending, meaningful once
 * {@code tasksTracked}; {@code hasOperations} whether an operation row was ever written, meaningful while
 * {@code operationsTracked}; {@code newestInformMicros} the newest inform instant committed ({@link #NONE}
 * when unknown); {@code deletedTimestamp} the write time of the deletion marker.
 */
record StoredDevice(Device device, boolean indexPending, long summaryTimestamp, long tagsTimestamp,
                    long pendingTimestamp, long maxTimestamp, Set<String> pendingTasks, boolean tasksTracked,
                    boolean hasOperations, boolean operationsTracked, long newestInformMicros,
                    long deletedTimestamp) {

    /** The column of {@link Statements#selectDevice} holding the quorum claims (V015, {@link QuorumClaims}). */
    static final int CLAIMS_COLUMN = 13;

    /** No write time. */
    static final long NONE = Long.MIN_VALUE;

    static final StoredDevice ABSENT = new StoredDevice(null, false, NONE, NONE, NONE, NONE, Set.of(), false,
            false, false, NONE, NONE);

    static StoredDevice of(Row r) {
        if (r == null) {
            return ABSENT;
        }
        long summaryTs = time(r, 3);
        long tagsTs = time(r, 4);
        long pendingTs = time(r, 5);
        long deletedTs = time(r, 6);
        long max = Math.max(Math.max(summaryTs, tagsTs), Math.max(pendingTs, deletedTs));
        ByteBuffer summary = r.getByteBuffer(0);
        Device d = summary == null ? null : BlobCodec.decodeSummary(summary, r.getSet(1, String.class));
        Set<String> pending = r.isNull(7) ? Set.of() : Set.copyOf(r.getSet(7, String.class));
        // the operations' marker counts only when the commit that wrote this summary wrote it (or a read found the
        // partition empty under this very summary): a commit that did not keep has_operations leaves it behind
        boolean operationsTracked = !r.isNull(10) && r.getBoolean(10) && summaryTs != NONE
                && time(r, 11) == summaryTs;
        return new StoredDevice(d, !r.isNull(2) && r.getBoolean(2), summaryTs, tagsTs, pendingTs, max, pending,
                !r.isNull(8) && r.getBoolean(8), !r.isNull(9) && r.getBoolean(9), operationsTracked,
                time(r, 12), deletedTs);
    }

    /**
     * Whether the device has no pending task, by its marker alone: only once a read of the whole queue tracked
     * it (a device stored before V014, or never committed since, is read).
     */
    boolean noPendingTasks() {
        return tasksTracked && pendingTasks.isEmpty();
    }

    /** Whether the device has no operation, by its markers alone (see {@link #operationsTracked}). */
    boolean noOperations() {
        return operationsTracked && !hasOperations;
    }

    private static long time(Row r, int i) {
        return r.isNull(i) ? NONE : r.getLong(i);
    }
}
