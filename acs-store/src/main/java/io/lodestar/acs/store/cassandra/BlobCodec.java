package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskFault;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The two records the Cassandra store keeps as blobs: the device summary (without its tags, which have a
 * column of their own) in {@code devices.summary}, and the whole task in {@code tasks.record}.
 *
 * <p>Each blob starts with a format byte ({@link #V1} today); a later version adds a new byte and keeps the
 * readers of the old ones, and a reader that meets an unknown byte fails loudly. Within format 1: big-endian
 * ints and longs; strings as an int byte length (-1 for null) and UTF-8 bytes; instants as a presence byte,
 * epoch seconds (long) and nanos (int); lists as an int count and their elements; sealed variants and task
 * statuses as explicit tag bytes (never {@code ordinal()}): TaskStatus 1-5 (PENDING, DONE, FAILED, EXPIRED,
 * CANCELLED), TaskAction 1-8 (GetParameterValues, SetParameterValues, GetParameterNames, AddObject,
 * DeleteObject, Reboot, FactoryReset, Refresh), TaskResult 0-4 (none, Values, Names, ObjectAdded, Status).
 * These are the embedded store's tags, so the two stores' task formats read alike.
 */
final class BlobCodec {

    static final byte V1 = 1;

    private BlobCodec() {}

    // ---- device summary ---------------------------------------------------------------------------------

    /** Field order: id, deviceIdStruct (presence + 4 strings), registeredAt, lastInformAt, lastBootAt,
     * lastEvents, remoteAddress, connectionRequestUrl, cwmpVersion, dataModelRoot, softwareVersion,
     * hardwareVersion, discoveryRequired, discoveredAt. */
    static ByteBuffer encodeSummary(Device d) {
        Writer w = new Writer(256);
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
        w.i(d.lastEvents().size());
        for (EventStruct e : d.lastEvents()) {
            w.str(e.eventCode());
            w.str(e.commandKey());
        }
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
        Reader r = new Reader(bytes, "device summary");
        if (r.b() != V1) {
            throw r.unknownVersion();
        }
        DeviceId id = new DeviceId(r.str());
        DeviceIdStruct s = r.bool() ? new DeviceIdStruct(r.str(), r.str(), r.str(), r.str()) : null;
        Instant registeredAt = r.instant();
        Instant lastInformAt = r.instant();
        Instant lastBootAt = r.instant();
        int n = r.count();
        List<EventStruct> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(new EventStruct(r.str(), r.str()));
        }
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

    /** Field order: id, deviceId, action, status, createdAt, expiresAt, attempts, notBefore, lastFault
     * (presence, code, message, at), result, completedAt. */
    static ByteBuffer encodeTask(Task t) {
        Writer w = new Writer(128);
        w.b(V1);
        w.str(t.id().value());
        w.str(t.deviceId().value());
        action(w, t.action());
        w.b(statusCode(t.status()));
        w.instant(t.createdAt());
        w.instant(t.expiresAt());
        w.i(t.attempts());
        w.instant(t.notBefore());
        TaskFault f = t.lastFault();
        w.bool(f != null);
        if (f != null) {
            w.i(f.code());
            w.str(f.message());
            w.instant(f.at());
        }
        result(w, t.result());
        w.instant(t.completedAt());
        return w.buffer();
    }

    static Task decodeTask(ByteBuffer bytes) {
        Reader r = new Reader(bytes, "task");
        if (r.b() != V1) {
            throw r.unknownVersion();
        }
        TaskId id = new TaskId(r.str());
        DeviceId deviceId = new DeviceId(r.str());
        TaskAction action = action(r);
        TaskStatus status = status(r, r.b());
        Instant createdAt = r.instant();
        Instant expiresAt = r.instant();
        int attempts = r.i();
        Instant notBefore = r.instant();
        TaskFault fault = r.bool() ? new TaskFault(r.i(), r.str(), r.instant()) : null;
        TaskResult result = result(r);
        Instant completedAt = r.instant();
        return new Task(id, deviceId, action, status, createdAt, expiresAt, attempts, notBefore, fault, result,
                completedAt);
    }

    private static final byte A_GET_VALUES = 1, A_SET_VALUES = 2, A_GET_NAMES = 3, A_ADD_OBJECT = 4,
            A_DELETE_OBJECT = 5, A_REBOOT = 6, A_FACTORY_RESET = 7, A_REFRESH = 8;

    private static void action(Writer w, TaskAction a) {
        if (a instanceof TaskAction.GetParameterValues x) {
            w.b(A_GET_VALUES);
            w.i(x.parameterNames().size());
            x.parameterNames().forEach(w::str);
        } else if (a instanceof TaskAction.SetParameterValues x) {
            w.b(A_SET_VALUES);
            values(w, x.values());
            w.str(x.parameterKey());
        } else if (a instanceof TaskAction.GetParameterNames x) {
            w.b(A_GET_NAMES);
            w.str(x.path());
            w.bool(x.nextLevel());
        } else if (a instanceof TaskAction.AddObject x) {
            w.b(A_ADD_OBJECT);
            w.str(x.objectName());
            w.str(x.parameterKey());
        } else if (a instanceof TaskAction.DeleteObject x) {
            w.b(A_DELETE_OBJECT);
            w.str(x.objectName());
            w.str(x.parameterKey());
        } else if (a instanceof TaskAction.Reboot x) {
            w.b(A_REBOOT);
            w.str(x.commandKey());
        } else if (a instanceof TaskAction.FactoryReset) {
            w.b(A_FACTORY_RESET);
        } else if (a instanceof TaskAction.Refresh x) {
            w.b(A_REFRESH);
            w.str(x.path());
        } else {
            throw new IllegalArgumentException("no record format for action " + a);
        }
    }

    private static TaskAction action(Reader r) {
        byte tag = r.b();
        switch (tag) {
            case A_GET_VALUES -> {
                int n = r.count();
                List<String> names = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    names.add(r.str());
                }
                return new TaskAction.GetParameterValues(names);
            }
            case A_SET_VALUES -> {
                return new TaskAction.SetParameterValues(values(r), r.str());
            }
            case A_GET_NAMES -> {
                return new TaskAction.GetParameterNames(r.str(), r.bool());
            }
            case A_ADD_OBJECT -> {
                return new TaskAction.AddObject(r.str(), r.str());
            }
            case A_DELETE_OBJECT -> {
                return new TaskAction.DeleteObject(r.str(), r.str());
            }
            case A_REBOOT -> {
                return new TaskAction.Reboot(r.str());
            }
            case A_FACTORY_RESET -> {
                return new TaskAction.FactoryReset();
            }
            case A_REFRESH -> {
                return new TaskAction.Refresh(r.str());
            }
            default -> throw r.corrupt("unknown task action tag " + tag);
        }
    }

    private static final byte R_NONE = 0, R_VALUES = 1, R_NAMES = 2, R_OBJECT_ADDED = 3, R_STATUS = 4;

    private static void result(Writer w, TaskResult result) {
        if (result == null) {
            w.b(R_NONE);
        } else if (result instanceof TaskResult.Values x) {
            w.b(R_VALUES);
            values(w, x.values());
        } else if (result instanceof TaskResult.Names x) {
            w.b(R_NAMES);
            w.i(x.names().size());
            for (ParameterInfoStruct s : x.names()) {
                w.str(s.name());
                w.bool(s.writable());
            }
        } else if (result instanceof TaskResult.ObjectAdded x) {
            w.b(R_OBJECT_ADDED);
            w.l(x.instanceNumber());
            w.i(x.status());
        } else if (result instanceof TaskResult.Status x) {
            w.b(R_STATUS);
            w.i(x.status());
            w.i(x.count());
        } else {
            throw new IllegalArgumentException("no record format for result " + result);
        }
    }

    private static TaskResult result(Reader r) {
        byte tag = r.b();
        switch (tag) {
            case R_NONE -> {
                return null;
            }
            case R_VALUES -> {
                return new TaskResult.Values(values(r));
            }
            case R_NAMES -> {
                int n = r.count();
                List<ParameterInfoStruct> names = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    names.add(new ParameterInfoStruct(r.str(), r.bool()));
                }
                return new TaskResult.Names(names);
            }
            case R_OBJECT_ADDED -> {
                return new TaskResult.ObjectAdded(r.l(), r.i());
            }
            case R_STATUS -> {
                return new TaskResult.Status(r.i(), r.i());
            }
            default -> throw r.corrupt("unknown task result tag " + tag);
        }
    }

    private static byte statusCode(TaskStatus s) {
        return switch (s) {
            case PENDING -> 1;
            case DONE -> 2;
            case FAILED -> 3;
            case EXPIRED -> 4;
            case CANCELLED -> 5;
        };
    }

    private static TaskStatus status(Reader r, byte code) {
        return switch (code) {
            case 1 -> TaskStatus.PENDING;
            case 2 -> TaskStatus.DONE;
            case 3 -> TaskStatus.FAILED;
            case 4 -> TaskStatus.EXPIRED;
            case 5 -> TaskStatus.CANCELLED;
            default -> throw r.corrupt("unknown task status " + code);
        };
    }

    private static void values(Writer w, List<ParameterValueStruct> values) {
        w.i(values.size());
        for (ParameterValueStruct v : values) {
            w.str(v.name());
            w.str(v.value());
            w.str(v.type());
        }
    }

    private static List<ParameterValueStruct> values(Reader r) {
        int n = r.count();
        List<ParameterValueStruct> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(new ParameterValueStruct(r.str(), r.str(), r.str()));
        }
        return values;
    }

    // ---- primitives -------------------------------------------------------------------------------------

    private static final class Writer {
        private byte[] buf;
        private int n;

        Writer(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        private void ensure(int more) {
            if (n + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }

        void b(byte v) {
            ensure(1);
            buf[n++] = v;
        }

        void bool(boolean v) {
            b(v ? (byte) 1 : (byte) 0);
        }

        void i(int v) {
            ensure(4);
            buf[n++] = (byte) (v >>> 24);
            buf[n++] = (byte) (v >>> 16);
            buf[n++] = (byte) (v >>> 8);
            buf[n++] = (byte) v;
        }

        void l(long v) {
            i((int) (v >>> 32));
            i((int) v);
        }

        void str(String s) {
            if (s == null) {
                i(-1);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            i(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buf, n, utf8.length);
            n += utf8.length;
        }

        void instant(Instant t) {
            bool(t != null);
            if (t != null) {
                l(t.getEpochSecond());
                i(t.getNano());
            }
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(buf, 0, n).slice();
        }
    }

    private static final class Reader {
        private final ByteBuffer in;
        private final String what;

        Reader(ByteBuffer bytes, String what) {
            this.in = bytes.duplicate();
            this.what = what;
        }

        IllegalStateException unknownVersion() {
            return corrupt("unknown record format " + in.get(in.position() - 1) + " (written by a newer version?)");
        }

        IllegalStateException corrupt(String why) {
            return new IllegalStateException("cannot read stored " + what + ": " + why);
        }

        byte b() {
            try {
                return in.get();
            } catch (BufferUnderflowException e) {
                throw corrupt("record too short");
            }
        }

        boolean bool() {
            return b() != 0;
        }

        int i() {
            try {
                return in.getInt();
            } catch (BufferUnderflowException e) {
                throw corrupt("record too short");
            }
        }

        int count() {
            int c = i();
            if (c < 0 || c > in.remaining()) {
                throw corrupt("bad element count " + c);
            }
            return c;
        }

        long l() {
            try {
                return in.getLong();
            } catch (BufferUnderflowException e) {
                throw corrupt("record too short");
            }
        }

        String str() {
            int len = i();
            if (len == -1) {
                return null;
            }
            if (len < 0 || len > in.remaining()) {
                throw corrupt("bad string length " + len);
            }
            byte[] utf8 = new byte[len];
            in.get(utf8);
            return new String(utf8, StandardCharsets.UTF_8);
        }

        Instant instant() {
            return bool() ? Instant.ofEpochSecond(l(), i()) : null;
        }
    }
}
