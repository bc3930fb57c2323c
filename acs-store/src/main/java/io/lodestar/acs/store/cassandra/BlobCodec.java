package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.store.codec.BinaryReader;
import io.lodestar.acs.store.codec.BinaryWriter;
import io.lodestar.acs.store.codec.TaskEncoding;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The two records the Cassandra store keeps as blobs: the device summary (without its tags, which have a
 * column of their own) in {@code devices.summary}, and the whole task in {@code tasks.record}.
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

    /** Field order: id, deviceIdStruct (presence + 4 strings), registeredAt, lastInformAt, lastBootAt,
     * lastEvents, remoteAddress, connectionRequestUrl, cwmpVersion, dataModelRoot, softwareVersion,
     * hardwareVersion, discoveryRequired, discoveredAt. */
    static ByteBuffer encodeSummary(Device d) {
        BinaryWriter w = new BinaryWriter(256);
        w.b(V1);
        w.str(d.id().value());
        DeviceIdStruct s = d.deviceIdStruct();
        w.bool(s != null);
        if (s != null) {
            w.str(s.manufacturer());
            w.str(s.oui());
            w.str(s.productClass());
            w.str(s.serialNumber());
        }
        w.instant(d.registeredAt());
        w.instant(d.lastInformAt());
        w.instant(d.lastBootAt());
        TaskEncoding.writeEvents(w, d.lastEvents());
        w.str(d.remoteAddress());
        w.str(d.connectionRequestUrl());
        w.str(d.cwmpVersion());
        w.str(d.dataModelRoot());
        w.str(d.softwareVersion());
        w.str(d.hardwareVersion());
        w.bool(d.discoveryRequired());
        w.instant(d.discoveredAt());
        return w.buffer();
    }

    /** The summary with the tags stored beside it. */
    static Device decodeSummary(ByteBuffer bytes, Set<String> tags) {
        BinaryReader r = new BinaryReader(bytes, "device summary");
        if (r.version() != V1) {
            throw r.unknownVersion();
        }
        DeviceId id = new DeviceId(r.str());
        DeviceIdStruct s = r.bool() ? new DeviceIdStruct(r.str(), r.str(), r.str(), r.str()) : null;
        Instant registeredAt = r.instant();
        Instant lastInformAt = r.instant();
        Instant lastBootAt = r.instant();
        List<EventStruct> events = TaskEncoding.readEvents(r);
        String remoteAddress = r.str();
        String crUrl = r.str();
        String cwmpVersion = r.str();
        String root = r.str();
        String sw = r.str();
        String hw = r.str();
        boolean discoveryRequired = r.bool();
        Instant discoveredAt = r.instant();
        return new Device(id, s, registeredAt, lastInformAt, lastBootAt, events, remoteAddress, crUrl, cwmpVersion,
                root, sw, hw, discoveryRequired, discoveredAt, tags == null ? Set.of() : tags);
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
}
