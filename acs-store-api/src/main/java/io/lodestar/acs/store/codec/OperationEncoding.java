package io.lodestar.acs.store.codec;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.operation.DeviceInitiated;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.operation.OperationStatus;
import io.lodestar.acs.core.operation.TransferDetails;
import io.lodestar.acs.core.rpc.FaultStruct;
import io.lodestar.acs.core.task.TaskId;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * A stored operation, format byte included, as both stores write it (the embedded store's value in
 * {@code operations}, the Cassandra store's {@code operations.record} blob): the two stores' bytes are the same
 * by construction. Format {@link #V1}: the format byte, then taskId, deviceId, kind, commandKey, status,
 * startedAt, deadline, endedAt, with {@link BinaryWriter}'s primitives. The kind is written by its name
 * ({@code REBOOT}, {@code FACTORY_RESET}), so kinds added later need no new format; the status as a stable tag
 * byte, never {@code ordinal()}: 1 IN_PROGRESS, 2 COMPLETED, 3 TIMED_OUT, 4 FAILED, 5 CANCELLED. Format {@link #V2}
 * (transfers): format 1's fields, then the transfer's expected software version, the device's start and complete
 * times and its fault (code, string). An operation without transfer details and with a format-1 status is still
 * written as format 1, so reboots and resets keep their bytes. A reader that meets an unknown format, kind or status
 * fails loudly. {@code OperationEncodingTest} pins both formats byte for byte: a change here is a new format byte,
 * not an edit.
 */
public final class OperationEncoding {

    /** The format this version writes. */
    public static final byte V1 = 1;
    /** The format of operations with transfer details. */
    public static final byte V2 = 2;
    /**
     * The format of operations a device started or asked for (AutonomousTransferComplete, RequestDownload):
     * format 2's fields, then what the device reported: file type, URL, download flag, size, target file name and
     * the arguments ({@code name=value} strings). Written only for those, so other operations keep their bytes.
     */
    public static final byte V3 = 3;

    private OperationEncoding() {}

    public static byte[] encode(Operation o) {
        BinaryWriter w = new BinaryWriter(128 + o.commandKey().length());
        write(w, o);
        return w.bytes();
    }

    /** Appends the format byte and the operation. */
    public static void write(BinaryWriter w, Operation o) {
        boolean v3 = o.transfer().initiated() != null;
        boolean v2 = v3 || !o.transfer().equals(TransferDetails.NONE) || statusCode(o.status()) > 3;
        w.b(v3 ? V3 : v2 ? V2 : V1);
        w.str(o.taskId().value());
        w.str(o.deviceId().value());
        w.str(o.kind().name());
        w.str(o.commandKey());
        w.b(statusCode(o.status()));
        w.instant(o.startedAt());
        w.instant(o.deadline());
        w.instant(o.endedAt());
        if (v2) {
            TransferDetails t = o.transfer();
            w.str(t.expectedSoftwareVersion());
            w.instant(t.transferStartedAt());
            w.instant(t.transferCompletedAt());
            w.i(t.fault().faultCode());
            w.str(t.fault().faultString());
        }
        if (v3) {
            DeviceInitiated d = o.transfer().initiated();
            w.str(d.fileType());
            w.str(d.url());
            w.bool(d.download());
            w.l(d.fileSize());
            w.str(d.targetFileName());
            w.i(d.arguments().size());
            d.arguments().forEach(w::str);
        }
    }

    public static Operation decode(byte[] bytes) {
        return read(new BinaryReader(bytes, "operation"));
    }

    /** Reads from the buffer's position to its limit; the buffer is not moved. */
    public static Operation decode(ByteBuffer bytes) {
        return read(new BinaryReader(bytes, "operation"));
    }

    public static Operation read(BinaryReader r) {
        byte format = r.version();
        if (format != V1 && format != V2 && format != V3) {
            throw r.unknownVersion();
        }
        TaskId taskId = taskId(r);
        String deviceId = required(r, r.str(), "device id");
        OperationKind kind = readKind(r);
        String commandKey = required(r, r.str(), "command key");
        OperationStatus status = readStatus(r);
        Instant startedAt = required(r, r.instant(), "start");
        Instant deadline = required(r, r.instant(), "deadline");
        Instant endedAt = r.instant();
        TransferDetails transfer = TransferDetails.NONE;
        if (format == V2 || format == V3) {
            String expected = required(r, r.str(), "expected version");
            Instant transferStart = r.instant();
            Instant transferComplete = r.instant();
            int code = r.i();
            String text = required(r, r.str(), "fault string");
            DeviceInitiated initiated = null;
            if (format == V3) {
                String fileType = required(r, r.str(), "file type");
                String url = required(r, r.str(), "url");
                boolean download = r.bool();
                long size = r.l();
                String target = required(r, r.str(), "target file name");
                int n = r.count();
                java.util.List<String> args = new java.util.ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    args.add(required(r, r.str(), "argument"));
                }
                initiated = new DeviceInitiated(fileType, url, download, size, target, args);
            }
            transfer = new TransferDetails(expected, transferStart, transferComplete, new FaultStruct(code, text),
                    initiated);
        }
        return new Operation(taskId, new DeviceId(deviceId), kind, commandKey, status, startedAt, deadline, endedAt,
                transfer);
    }

    private static TaskId taskId(BinaryReader r) {
        String value = required(r, r.str(), "task id");
        try {
            return new TaskId(value);
        } catch (IllegalArgumentException e) {
            throw r.corrupt("bad task id " + value);
        }
    }

    private static <T> T required(BinaryReader r, T value, String what) {
        if (value == null) {
            throw r.corrupt("operation without its " + what);
        }
        return value;
    }

    private static OperationKind readKind(BinaryReader r) {
        String name = r.str();
        for (OperationKind k : OperationKind.values()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        throw r.corrupt("unknown operation kind " + name + " (written by a newer version?)");
    }

    /** Stable codes, independent of the enum's declaration order. */
    public static byte statusCode(OperationStatus s) {
        return switch (s) {
            case IN_PROGRESS -> 1;
            case COMPLETED -> 2;
            case TIMED_OUT -> 3;
            case FAILED -> 4;
            case CANCELLED -> 5;
        };
    }

    private static OperationStatus readStatus(BinaryReader r) {
        byte code = r.b();
        return switch (code) {
            case 1 -> OperationStatus.IN_PROGRESS;
            case 2 -> OperationStatus.COMPLETED;
            case 3 -> OperationStatus.TIMED_OUT;
            case 4 -> OperationStatus.FAILED;
            case 5 -> OperationStatus.CANCELLED;
            default -> throw r.corrupt("unknown operation status " + code);
        };
    }
}
