package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.store.codec.BinaryReader;
import io.lodestar.acs.store.codec.BinaryWriter;
import io.lodestar.acs.store.codec.DeviceEncoding;
import io.lodestar.acs.store.codec.OperationEncoding;
import io.lodestar.acs.store.codec.TaskEncoding;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * The records the Cassandra store keeps as blobs: the device summary (without its tags, which have a column
 * of their own) in {@code devices.summary}, the whole task in {@code tasks.record}, and the whole operation in
 * {@code operations.record} ({@link OperationEncoding}'s bytes, format byte included, as in the embedded store).
 *
 * <p>Each blob starts with a format byte ({@link #V1} today); a later version adds a new byte and keeps the
 * readers of the old ones, and a reader that meets an unknown byte fails loudly. Within format 1: big-endian
 * ints and longs; strings as an int byte length (-1 for null) and UTF-8 bytes; instants as a presence byte,
 * epoch seconds (long) and nanos (int); lists as an int count and their elements ({@link BinaryWriter}). The
 * task after its format byte is {@link TaskEncoding}'s, the same body the embedded store writes, so the two
 * stores' task formats read alike.
 */
final class BlobCodec {

    static final byte V1 = 1;

    private BlobCodec() {}

    // ---- device summary ---------------------------------------------------------------------------------

    /** The shared summary layout, {@link DeviceEncoding}, after the format byte. */
    static ByteBuffer encodeSummary(Device d) {
        BinaryWriter w = new BinaryWriter(256);
        w.b(V1);
        DeviceEncoding.writeSummary(w, d);
        return w.buffer();
    }

    /** The summary with the tags stored beside it. */
    static Device decodeSummary(ByteBuffer bytes, Set<String> tags) {
        BinaryReader r = new BinaryReader(bytes, "device summary");
        if (r.version() != V1) {
            throw r.unknownVersion();
        }
        return DeviceEncoding.readSummary(r, tags);
    }

    // ---- tasks ------------------------------------------------------------------------------------------

    /** Field order: see {@link TaskEncoding#writeTask}. */
    static ByteBuffer encodeTask(Task t) {
        BinaryWriter w = new BinaryWriter(128);
        w.b(V1);
        TaskEncoding.writeTask(w, t);
        return w.buffer();
    }

    static Task decodeTask(ByteBuffer bytes) {
        BinaryReader r = new BinaryReader(bytes, "task");
        if (r.version() != V1) {
            throw r.unknownVersion();
        }
        return TaskEncoding.readTask(r);
    }

    // ---- operations -------------------------------------------------------------------------------------

    static ByteBuffer encodeOperation(Operation o) {
        return ByteBuffer.wrap(OperationEncoding.encode(o));
    }

    static Operation decodeOperation(ByteBuffer bytes) {
        return OperationEncoding.decode(bytes);
    }
}
