package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import io.lodestar.acs.core.device.Device;

import java.nio.ByteBuffer;

/**
 * What {@code devices} holds for an id (read by {@link Statements#selectDevice}), with the write times that
 * later writes of the device must exceed. {@code device} is null when there is no device (never written, or
 * deleted: then only the {@code deleted_at} marker is left).
 */
record StoredDevice(Device device, boolean indexPending, long summaryTimestamp, long tagsTimestamp,
                    long pendingTimestamp, long maxTimestamp) {

    /** No write time. */
    static final long NONE = Long.MIN_VALUE;

    static final StoredDevice ABSENT = new StoredDevice(null, false, NONE, NONE, NONE, NONE);

    static StoredDevice of(Row r) {
        if (r == null) {
            return ABSENT;
        }
        long summaryTs = time(r, 3);
        long tagsTs = time(r, 4);
        long pendingTs = time(r, 5);
        long max = Math.max(Math.max(summaryTs, tagsTs), Math.max(pendingTs, time(r, 6)));
        ByteBuffer summary = r.getByteBuffer(0);
        Device d = summary == null ? null : BlobCodec.decodeSummary(summary, r.getSet(1, String.class));
        return new StoredDevice(d, !r.isNull(2) && r.getBoolean(2), summaryTs, tagsTs, pendingTs, max);
    }

    private static long time(Row r, int i) {
        return r.isNull(i) ? NONE : r.getLong(i);
    }
}
