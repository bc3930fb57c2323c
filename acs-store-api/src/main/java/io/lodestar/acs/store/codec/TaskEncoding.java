package io.lodestar.acs.store.codec;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.DeploymentUnitOperation;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.ParameterAttributeStruct;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import io.lodestar.acs.core.rpc.QueuedTransferStruct;
import io.lodestar.acs.core.rpc.TimeWindowStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskFault;
import io.lodestar.acs.core.task.TaskId;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The format-1 body of a stored task, and the parts of it other records reuse (parameter values, events).
 * Both stores write tasks through here (the embedded store's record, the Cassandra store's blob), so the two
 * stores' task formats read alike; each caller writes its own format byte first. Sealed variants and statuses
 * are explicit tag bytes, never {@code ordinal()}: TaskStatus 1-5 (PENDING, DONE, FAILED, EXPIRED, CANCELLED),
 * TaskAction 1-8 (GetParameterValues, SetParameterValues, GetParameterNames, AddObject, DeleteObject, Reboot,
 * FactoryReset, Refresh), 20-23 (GetRPCMethods, GetParameterAttributes, SetParameterAttributes,
 * ScheduleInform) and 24-30 for the transfers (Download, Upload, ScheduleDownload, CancelTransfer,
 * GetQueuedTransfers, GetAllQueuedTransfers, ChangeDUState), 31 (AddObject with values for the new instance),
 * TaskResult 0-4 (none, Values, Names, ObjectAdded,
 * Status), 20-21 (Methods, Attributes) and 22-23 (Transfer, QueuedTransfers). A task waiting for another
 * ({@link Task#after()}) has that task's id as an optional trailing field: a task without one is written byte for
 * byte as before, and records written before the field existed read as tasks waiting for none. Golden-bytes tests in both
 * stores pin these bytes; a change here is a new format, not an edit. A new action is written through
 * {@link TaskAction.Visitor} (it does not compile without its writer) and read through a tag table
 * ({@code TaskEncodingTest} round-trips every permitted action, so it fails without its reader): it takes the
 * next free tag, and old records read as before.
 */
public final class TaskEncoding {

    private TaskEncoding() {}

    /** Field order: id, deviceId, action, status, createdAt, expiresAt, attempts, notBefore, lastFault
     * (presence, code, message, at), result, completedAt, then only when present: after. */
    public static void writeTask(BinaryWriter w, Task t) {
        w.str(t.id().value());
        w.str(t.deviceId().value());
        writeAction(w, t.action());
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
        writeResult(w, t.result());
        w.instant(t.completedAt());
        if (t.after() != null) {
            w.str(t.after().value());
        }
    }

    public static Task readTask(BinaryReader r) {
        TaskId id = new TaskId(r.str());
        DeviceId deviceId = new DeviceId(r.str());
        TaskAction action = readAction(r);
        TaskStatus status = readStatus(r);
        Instant createdAt = r.instant();
        Instant expiresAt = r.instant();
        int attempts = r.i();
        Instant notBefore = r.instant();
        TaskFault fault = r.bool() ? new TaskFault(r.i(), r.str(), r.instant()) : null;
        TaskResult result = readResult(r);
        Instant completedAt = r.instant();
        TaskId after = r.hasMore() ? new TaskId(r.str()) : null;
        return new Task(id, deviceId, action, status, createdAt, expiresAt, attempts, notBefore, fault, result,
                completedAt, after);
    }

    private static final byte A_GET_VALUES = 1, A_SET_VALUES = 2, A_GET_NAMES = 3, A_ADD_OBJECT = 4,
            A_DELETE_OBJECT = 5, A_REBOOT = 6, A_FACTORY_RESET = 7, A_REFRESH = 8;
    private static final byte A_DOWNLOAD = 24, A_UPLOAD = 25, A_SCHEDULE_DOWNLOAD = 26, A_CANCEL_TRANSFER = 27,
            A_GET_QUEUED_TRANSFERS = 28, A_GET_ALL_QUEUED_TRANSFERS = 29, A_CHANGE_DU_STATE = 30;
    /** An AddObject with values for the new instance (a chain); one without is still written as tag 4. */
    private static final byte A_ADD_OBJECT_AND_SET = 31;

    private static final byte A_GET_RPC_METHODS = 20, A_GET_ATTRIBUTES = 21, A_SET_ATTRIBUTES = 22,
            A_SCHEDULE_INFORM = 23;

    /** Its tag, then its fields; {@link ActionWriter} has one method per action, so none is forgotten. */
    public static void writeAction(BinaryWriter w, TaskAction a) {
        a.accept(new ActionWriter(w));
    }

    /**
     * The reader of each tag's fields. A tag read from disk is data, not a type, so this side is a table; the
     * round trip of every permitted action in {@code TaskEncodingTest} catches a writer without its reader.
     */
    private static final Map<Byte, Function<BinaryReader, TaskAction>> ACTION_READERS = Map.ofEntries(
            Map.entry(A_GET_VALUES, r -> new TaskAction.GetParameterValues(readStrings(r))),
            Map.entry(A_SET_VALUES, r -> new TaskAction.SetParameterValues(readValues(r), r.str())),
            Map.entry(A_GET_NAMES, r -> new TaskAction.GetParameterNames(r.str(), r.bool())),
            Map.entry(A_ADD_OBJECT, r -> new TaskAction.AddObject(r.str(), r.str())),
            Map.entry(A_ADD_OBJECT_AND_SET, r -> new TaskAction.AddObject(r.str(), r.str(), readValues(r))),
            Map.entry(A_DELETE_OBJECT, r -> new TaskAction.DeleteObject(r.str(), r.str())),
            Map.entry(A_REBOOT, r -> new TaskAction.Reboot(r.str())),
            Map.entry(A_FACTORY_RESET, r -> new TaskAction.FactoryReset()),
            Map.entry(A_REFRESH, r -> new TaskAction.Refresh(r.str())),
            Map.entry(A_GET_RPC_METHODS, r -> new TaskAction.GetRPCMethods()),
            Map.entry(A_GET_ATTRIBUTES, r -> new TaskAction.GetParameterAttributes(readStrings(r))),
            Map.entry(A_SET_ATTRIBUTES, r -> new TaskAction.SetParameterAttributes(readAttributeChanges(r))),
            Map.entry(A_SCHEDULE_INFORM, r -> new TaskAction.ScheduleInform(r.i(), r.str())),
            Map.entry(A_DOWNLOAD, r -> new TaskAction.Download(r.str(), r.str(), r.str(), r.str(), r.l(), r.str(),
                    r.i(), r.str(), r.str(), r.str(), r.str())),
            Map.entry(A_UPLOAD, r -> new TaskAction.Upload(r.str(), r.str(), r.str(), r.str(), r.i(), r.str())),
            Map.entry(A_SCHEDULE_DOWNLOAD, r -> new TaskAction.ScheduleDownload(r.str(), r.str(), r.str(), r.str(),
                    r.l(), r.str(), readWindows(r), r.str())),
            Map.entry(A_CANCEL_TRANSFER, r -> new TaskAction.CancelTransfer(r.str())),
            Map.entry(A_GET_QUEUED_TRANSFERS, r -> new TaskAction.GetQueuedTransfers()),
            Map.entry(A_GET_ALL_QUEUED_TRANSFERS, r -> new TaskAction.GetAllQueuedTransfers()),
            Map.entry(A_CHANGE_DU_STATE, r -> new TaskAction.ChangeDUState(readDuOperations(r), r.str())));

    public static TaskAction readAction(BinaryReader r) {
        byte tag = r.b();
        Function<BinaryReader, TaskAction> reader = ACTION_READERS.get(tag);
        if (reader == null) {
            throw r.corrupt("unknown task action tag " + tag);
        }
        return reader.apply(r);
    }

    private record ActionWriter(BinaryWriter w) implements TaskAction.Visitor<Void> {

        @Override
        public Void visit(TaskAction.GetParameterValues a) {
            w.b(A_GET_VALUES);
            w.i(a.parameterNames().size());
            a.parameterNames().forEach(w::str);
            return null;
        }

        @Override
        public Void visit(TaskAction.SetParameterValues a) {
            w.b(A_SET_VALUES);
            writeValues(w, a.values());
            w.str(a.parameterKey());
            return null;
        }

        @Override
        public Void visit(TaskAction.GetParameterNames a) {
            w.b(A_GET_NAMES);
            w.str(a.path());
            w.bool(a.nextLevel());
            return null;
        }

        @Override
        public Void visit(TaskAction.AddObject a) {
            w.b(a.values().isEmpty() ? A_ADD_OBJECT : A_ADD_OBJECT_AND_SET);
            w.str(a.objectName());
            w.str(a.parameterKey());
            if (!a.values().isEmpty()) {
                writeValues(w, a.values());
            }
            return null;
        }

        @Override
        public Void visit(TaskAction.DeleteObject a) {
            w.b(A_DELETE_OBJECT);
            w.str(a.objectName());
            w.str(a.parameterKey());
            return null;
        }

        @Override
        public Void visit(TaskAction.Reboot a) {
            w.b(A_REBOOT);
            w.str(a.commandKey());
            return null;
        }

        @Override
        public Void visit(TaskAction.FactoryReset a) {
            w.b(A_FACTORY_RESET);
            return null;
        }

        @Override
        public Void visit(TaskAction.Refresh a) {
            w.b(A_REFRESH);
            w.str(a.path());
            return null;
        }

        @Override
        public Void visit(TaskAction.GetRPCMethods a) {
            w.b(A_GET_RPC_METHODS);
            return null;
        }

        @Override
        public Void visit(TaskAction.GetParameterAttributes a) {
            w.b(A_GET_ATTRIBUTES);
            writeStrings(w, a.parameterNames());
            return null;
        }

        @Override
        public Void visit(TaskAction.SetParameterAttributes a) {
            w.b(A_SET_ATTRIBUTES);
            w.i(a.attributes().size());
            for (SetParameterAttributesStruct s : a.attributes()) {
                w.str(s.name());
                w.bool(s.notificationChange());
                w.i(s.notification());
                w.bool(s.accessListChange());
                writeStrings(w, s.accessList());
            }
            return null;
        }

        @Override
        public Void visit(TaskAction.ScheduleInform a) {
            w.b(A_SCHEDULE_INFORM);
            w.i(a.delaySeconds());
            w.str(a.commandKey());
            return null;
        }

        @Override
        public Void visit(TaskAction.Download a) {
            w.b(A_DOWNLOAD);
            w.str(a.fileType());
            w.str(a.url());
            w.str(a.username());
            w.str(a.password());
            w.l(a.fileSize());
            w.str(a.targetFileName());
            w.i(a.delaySeconds());
            w.str(a.successUrl());
            w.str(a.failureUrl());
            w.str(a.commandKey());
            w.str(a.expectedSoftwareVersion());
            return null;
        }

        @Override
        public Void visit(TaskAction.Upload a) {
            w.b(A_UPLOAD);
            w.str(a.fileType());
            w.str(a.url());
            w.str(a.username());
            w.str(a.password());
            w.i(a.delaySeconds());
            w.str(a.commandKey());
            return null;
        }

        @Override
        public Void visit(TaskAction.ScheduleDownload a) {
            w.b(A_SCHEDULE_DOWNLOAD);
            w.str(a.fileType());
            w.str(a.url());
            w.str(a.username());
            w.str(a.password());
            w.l(a.fileSize());
            w.str(a.targetFileName());
            w.i(a.timeWindows().size());
            for (TimeWindowStruct t : a.timeWindows()) {
                w.l(t.windowStart());
                w.l(t.windowEnd());
                w.str(t.windowMode());
                w.str(t.userMessage());
                w.i(t.maxRetries());
            }
            w.str(a.commandKey());
            return null;
        }

        @Override
        public Void visit(TaskAction.CancelTransfer a) {
            w.b(A_CANCEL_TRANSFER);
            w.str(a.commandKey());
            return null;
        }

        @Override
        public Void visit(TaskAction.GetQueuedTransfers a) {
            w.b(A_GET_QUEUED_TRANSFERS);
            return null;
        }

        @Override
        public Void visit(TaskAction.GetAllQueuedTransfers a) {
            w.b(A_GET_ALL_QUEUED_TRANSFERS);
            return null;
        }

        /** Per operation: a tag (1 Install, 2 Update, 3 Uninstall), then its five or three strings. */
        @Override
        public Void visit(TaskAction.ChangeDUState a) {
            w.b(A_CHANGE_DU_STATE);
            w.i(a.operations().size());
            for (DeploymentUnitOperation op : a.operations()) {
                if (op instanceof DeploymentUnitOperation.Install i) {
                    w.b((byte) 1);
                    List.of(i.url(), i.uuid(), i.username(), i.password(), i.executionEnvRef()).forEach(w::str);
                } else if (op instanceof DeploymentUnitOperation.Update u) {
                    w.b((byte) 2);
                    List.of(u.uuid(), u.version(), u.url(), u.username(), u.password()).forEach(w::str);
                } else if (op instanceof DeploymentUnitOperation.Uninstall u) {
                    w.b((byte) 3);
                    List.of(u.uuid(), u.version(), u.executionEnvRef()).forEach(w::str);
                }
            }
            w.str(a.commandKey());
            return null;
        }
    }

    private static List<SetParameterAttributesStruct> readAttributeChanges(BinaryReader r) {
        int n = r.count();
        List<SetParameterAttributesStruct> changes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            changes.add(new SetParameterAttributesStruct(r.str(), r.bool(), r.i(), r.bool(), readStrings(r)));
        }
        return changes;
    }

    private static void writeStrings(BinaryWriter w, List<String> strings) {
        w.i(strings.size());
        strings.forEach(w::str);
    }

    private static List<TimeWindowStruct> readWindows(BinaryReader r) {
        int n = r.count();
        List<TimeWindowStruct> windows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            windows.add(new TimeWindowStruct(r.l(), r.l(), r.str(), r.str(), r.i()));
        }
        return windows;
    }

    private static List<DeploymentUnitOperation> readDuOperations(BinaryReader r) {
        int n = r.count();
        List<DeploymentUnitOperation> ops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte tag = r.b();
            ops.add(switch (tag) {
                case 1 -> new DeploymentUnitOperation.Install(r.str(), r.str(), r.str(), r.str(), r.str());
                case 2 -> new DeploymentUnitOperation.Update(r.str(), r.str(), r.str(), r.str(), r.str());
                case 3 -> new DeploymentUnitOperation.Uninstall(r.str(), r.str(), r.str());
                default -> throw r.corrupt("unknown deployment unit operation tag " + tag);
            });
        }
        return ops;
    }

    /** A count, then each string (the names of a GetParameterValues). */
    private static List<String> readStrings(BinaryReader r) {
        int n = r.count();
        List<String> strings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            strings.add(r.str());
        }
        return strings;
    }

    private static final byte R_NONE = 0, R_VALUES = 1, R_NAMES = 2, R_OBJECT_ADDED = 3, R_STATUS = 4;
    private static final byte R_TRANSFER = 22, R_QUEUED_TRANSFERS = 23;
    /** Issue 17 leftovers: a refused SetParameterValues' per-parameter faults (tag 26 is left free). */
    private static final byte R_PARAMETER_FAULTS = 25;

    private static final byte R_METHODS = 20, R_ATTRIBUTES = 21;

    /** A null result is written as the "none" tag. */
    public static void writeResult(BinaryWriter w, TaskResult result) {
        if (result == null) {
            w.b(R_NONE);
        } else if (result instanceof TaskResult.Values x) {
            w.b(R_VALUES);
            writeValues(w, x.values());
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
        } else if (result instanceof TaskResult.Methods x) {
            w.b(R_METHODS);
            writeStrings(w, x.methods());
        } else if (result instanceof TaskResult.Attributes x) {
            w.b(R_ATTRIBUTES);
            w.i(x.attributes().size());
            for (ParameterAttributeStruct a : x.attributes()) {
                w.str(a.name());
                w.i(a.notification());
                writeStrings(w, a.accessList());
            }
        } else if (result instanceof TaskResult.Transfer x) {
            w.b(R_TRANSFER);
            w.i(x.status());
            w.str(x.startTime());
            w.str(x.completeTime());
        } else if (result instanceof TaskResult.QueuedTransfers x) {
            w.b(R_QUEUED_TRANSFERS);
            w.i(x.transfers().size());
            for (QueuedTransferStruct q : x.transfers()) {
                w.str(q.commandKey());
                w.i(q.state());
                w.bool(q.isDownload());
                w.str(q.fileType());
                w.l(q.fileSize());
                w.str(q.targetFileName());
            }
        } else if (result instanceof TaskResult.ParameterFaults x) {
            w.b(R_PARAMETER_FAULTS);
            w.i(x.faults().size());
            for (io.lodestar.acs.core.rpc.CwmpFault.SetParameterValuesFault f : x.faults()) {
                w.str(f.parameterName());
                w.i(f.faultCode());
                w.str(f.faultString());
            }
        } else {
            throw new IllegalArgumentException("no record format for result " + result);
        }
    }

    /** Null for the "none" tag. */
    public static TaskResult readResult(BinaryReader r) {
        byte tag = r.b();
        switch (tag) {
            case R_NONE -> {
                return null;
            }
            case R_VALUES -> {
                return new TaskResult.Values(readValues(r));
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
            case R_METHODS -> {
                return new TaskResult.Methods(readStrings(r));
            }
            case R_ATTRIBUTES -> {
                int n = r.count();
                List<ParameterAttributeStruct> attributes = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    attributes.add(new ParameterAttributeStruct(r.str(), r.i(), readStrings(r)));
                }
                return new TaskResult.Attributes(attributes);
            }
            case R_TRANSFER -> {
                return new TaskResult.Transfer(r.i(), r.str(), r.str());
            }
            case R_QUEUED_TRANSFERS -> {
                int n = r.count();
                List<QueuedTransferStruct> transfers = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    transfers.add(new QueuedTransferStruct(r.str(), r.i(), r.bool(), r.str(), r.l(), r.str()));
                }
                return new TaskResult.QueuedTransfers(transfers);
            }
            case R_PARAMETER_FAULTS -> {
                int n = r.count();
                List<io.lodestar.acs.core.rpc.CwmpFault.SetParameterValuesFault> faults = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    faults.add(new io.lodestar.acs.core.rpc.CwmpFault.SetParameterValuesFault(r.str(), r.i(), r.str()));
                }
                return new TaskResult.ParameterFaults(faults);
            }
            default -> throw r.corrupt("unknown task result tag " + tag);
        }
    }

    /** Stable codes, independent of the enum's declaration order. */
    public static byte statusCode(TaskStatus s) {
        return switch (s) {
            case PENDING -> 1;
            case DONE -> 2;
            case FAILED -> 3;
            case EXPIRED -> 4;
            case CANCELLED -> 5;
        };
    }

    /** Reads one status byte. */
    public static TaskStatus readStatus(BinaryReader r) {
        byte code = r.b();
        return switch (code) {
            case 1 -> TaskStatus.PENDING;
            case 2 -> TaskStatus.DONE;
            case 3 -> TaskStatus.FAILED;
            case 4 -> TaskStatus.EXPIRED;
            case 5 -> TaskStatus.CANCELLED;
            default -> throw r.corrupt("unknown task status " + code);
        };
    }

    /** A count, then name, value, type per entry. */
    public static void writeValues(BinaryWriter w, List<ParameterValueStruct> values) {
        w.i(values.size());
        for (ParameterValueStruct v : values) {
            w.str(v.name());
            w.str(v.value());
            w.str(v.type());
        }
    }

    public static List<ParameterValueStruct> readValues(BinaryReader r) {
        int n = r.count();
        List<ParameterValueStruct> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(new ParameterValueStruct(r.str(), r.str(), r.str()));
        }
        return values;
    }

    /** A count, then event code and command key per event. */
    public static void writeEvents(BinaryWriter w, List<EventStruct> events) {
        w.i(events.size());
        for (EventStruct e : events) {
            w.str(e.eventCode());
            w.str(e.commandKey());
        }
    }

    public static List<EventStruct> readEvents(BinaryReader r) {
        int n = r.count();
        List<EventStruct> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(new EventStruct(r.str(), r.str()));
        }
        return events;
    }
}
