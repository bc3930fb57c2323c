package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.store.codec.BinaryReader;
import io.lodestar.acs.store.codec.BinaryWriter;
import io.lodestar.acs.store.codec.DeviceEncoding;
import io.lodestar.acs.store.codec.OperationEncoding;
import io.lodestar.acs.store.codec.TaskEncoding;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The binary form of every stored record. Each value starts with a format byte ({@link #V1} today); a later
 * version adds a new byte and keeps the readers of the old ones, so data written before an upgrade stays
 * readable. Within a format: big-endian ints and longs; strings as an int byte length (-1 for null) and
 * UTF-8 bytes; instants as a presence byte, epoch seconds (long) and nanos (int); optional booleans as one
 * byte (0 null, 1 false, 2 true); lists as an int count and their elements; sealed variants as a tag byte.
 * The key already holds a parameter's path, so a parameter record does not repeat it. The primitives are
 * {@link BinaryWriter}'s and a task after its format byte is {@link TaskEncoding}'s, shared with the Cassandra
 * store so the two stores' task formats read alike. An operation record is {@link OperationEncoding}'s whole,
 * format byte included: the same bytes as the Cassandra store's.
 */
final class RecordCodec {

    static final byte V1 = 1;

    private RecordCodec() {}

    // ---- parameters -------------------------------------------------------------------------------------

    static byte[] encodeParameter(Parameter p) {
        BinaryWriter w = new BinaryWriter(32 + (p.value() == null ? 0 : p.value().length()));
        w.b(V1);
        w.str(p.value());
        w.str(p.type());
        w.optBool(p.writable());
        w.instant(p.reportedAt());
        return w.bytes();
    }

    static Parameter decodeParameter(String path, byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes, "parameter " + path);
        return switch (r.version()) {
            case V1 -> new Parameter(path, r.str(), r.str(), r.optBool(), r.instant());
            default -> throw r.unknownVersion();
        };
    }

    // ---- devices ----------------------------------------------------------------------------------------

    /** The shared summary layout ({@link DeviceEncoding}), then the tags, sorted. */
    static byte[] encodeDevice(Device d) {
        BinaryWriter w = new BinaryWriter(256);
        w.b(V1);
        DeviceEncoding.writeSummary(w, d);
        Set<String> tags = new TreeSet<>(d.tags());
        w.i(tags.size());
        for (String t : tags) {
            w.str(t);
        }
        return w.bytes();
    }

    static Device decodeDevice(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes, "device");
        if (r.version() != V1) {
            throw r.unknownVersion();
        }
        Device summary = DeviceEncoding.readSummary(r, Set.of());
        int n = r.count();
        Set<String> tags = new HashSet<>(n);
        for (int i = 0; i < n; i++) {
            tags.add(r.str());
        }
        return summary.withTags(tags);
    }

    // ---- informs and faults -----------------------------------------------------------------------------

    static byte[] encodeInform(InformRecord i) {
        BinaryWriter w = new BinaryWriter(96);
        w.b(V1);
        w.str(i.deviceId().value());
        w.instant(i.at());
        TaskEncoding.writeEvents(w, i.events());
        w.str(i.remoteAddress());
        w.i(i.retryCount());
        return w.bytes();
    }

    static InformRecord decodeInform(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes, "inform");
        if (r.version() != V1) {
            throw r.unknownVersion();
        }
        return new InformRecord(new DeviceId(r.str()), r.instant(), TaskEncoding.readEvents(r), r.str(), r.i());
    }

    static byte[] encodeFault(DeviceFault f) {
        BinaryWriter w = new BinaryWriter(128);
        w.b(V1);
        w.str(f.deviceId().value());
        w.str(f.taskId() == null ? null : f.taskId().value());
        w.str(f.method());
        w.i(f.code());
        w.str(f.message());
        w.instant(f.at());
        return w.bytes();
    }

    static DeviceFault decodeFault(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes, "fault");
        if (r.version() != V1) {
            throw r.unknownVersion();
        }
        DeviceId id = new DeviceId(r.str());
        String task = r.str();
        return new DeviceFault(id, task == null ? null : new TaskId(task), r.str(), r.i(), r.str(), r.instant());
    }

    // ---- tasks ------------------------------------------------------------------------------------------

    static byte[] encodeTask(Task t) {
        BinaryWriter w = new BinaryWriter(128);
        w.b(V1);
        TaskEncoding.writeTask(w, t);
        return w.bytes();
    }

    static Task decodeTask(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes, "task");
        if (r.version() != V1) {
            throw r.unknownVersion();
        }
        return TaskEncoding.readTask(r);
    }

    /** The task index value: the encoded device the task belongs to. */
    static byte[] encodeTaskIndex(byte[] deviceKey) {
        byte[] v = new byte[deviceKey.length + 1];
        v[0] = V1;
        System.arraycopy(deviceKey, 0, v, 1, deviceKey.length);
        return v;
    }

    static byte[] decodeTaskIndex(byte[] value) {
        if (value.length == 0 || value[0] != V1) {
            throw new IllegalStateException("corrupt or unknown task index record");
        }
        return Arrays.copyOfRange(value, 1, value.length);
    }

    // ---- operations -------------------------------------------------------------------------------------

    static byte[] encodeOperation(Operation o) {
        return OperationEncoding.encode(o);
    }

    static Operation decodeOperation(byte[] bytes) {
        return OperationEncoding.decode(bytes);
    }
}
