package io.lodestar.acs.api.json;

import io.lodestar.acs.core.rpc.DeploymentUnitOperation;
import io.lodestar.acs.core.rpc.TimeWindowStruct;
import io.lodestar.acs.core.task.TaskAction;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The core actions the transfer task bodies stand for. Missing optional fields take TR-069's neutral values (no
 * credentials, size 0 for unknown, no delay; a window's mode {@code 1 At Any Time} and retries -1); a missing
 * required field, or one the action refuses, is an {@link IllegalArgumentException} the resource answers with 422.
 *
 * <p>The seam for the ACS's own file store: a body names the file by its URL today; a resolver that turns a stored
 * file's name into its URL (and size) would fill {@code url} and {@code fileSize} here, before the service checks
 * the action.
 */
public final class TransferRequests {

    private TransferRequests() {}

    /** The action for a transfer body, or empty for any other body. */
    public static Optional<TaskAction> action(TaskRequest body) {
        if (body instanceof TaskRequest.Download r) {
            return Optional.of(new TaskAction.Download(required(r.fileType(), "fileType"), required(r.url(), "url"),
                    r.username(), r.password(), orZero(r.fileSize()), r.targetFileName(), orZero(r.delaySeconds()),
                    r.successUrl(), r.failureUrl(), r.commandKey(), r.expectedSoftwareVersion()));
        } else if (body instanceof TaskRequest.Upload r) {
            return Optional.of(new TaskAction.Upload(required(r.fileType(), "fileType"), required(r.url(), "url"),
                    r.username(), r.password(), orZero(r.delaySeconds()), r.commandKey()));
        } else if (body instanceof TaskRequest.ScheduleDownload r) {
            List<TimeWindowStruct> windows = required(r.timeWindows(), "timeWindows").stream()
                    .map(TransferRequests::window).toList();
            return Optional.of(new TaskAction.ScheduleDownload(required(r.fileType(), "fileType"),
                    required(r.url(), "url"), r.username(), r.password(), orZero(r.fileSize()), r.targetFileName(),
                    windows, r.commandKey()));
        } else if (body instanceof TaskRequest.CancelTransfer r) {
            return Optional.of(new TaskAction.CancelTransfer(required(r.commandKey(), "commandKey")));
        } else if (body instanceof TaskRequest.GetQueuedTransfers) {
            return Optional.of(new TaskAction.GetQueuedTransfers());
        } else if (body instanceof TaskRequest.GetAllQueuedTransfers) {
            return Optional.of(new TaskAction.GetAllQueuedTransfers());
        } else if (body instanceof TaskRequest.ChangeDuState r) {
            return Optional.of(new TaskAction.ChangeDUState(required(r.operations(), "operations").stream()
                    .map(TransferRequests::operation).toList(), r.commandKey()));
        }
        return Optional.empty();
    }

    private static TimeWindowStruct window(TaskRequest.TimeWindow w) {
        if (w == null) {
            throw new IllegalArgumentException("a time window is null");
        }
        return new TimeWindowStruct(required(w.start(), "timeWindows[].start"), required(w.end(), "timeWindows[].end"),
                w.mode() == null ? TimeWindowStruct.AT_ANY_TIME : w.mode(), w.userMessage(),
                w.maxRetries() == null ? -1 : w.maxRetries());
    }

    private static DeploymentUnitOperation operation(TaskRequest.DuOperation o) {
        if (o == null) {
            throw new IllegalArgumentException("an operation is null");
        }
        String kind = required(o.operation(), "operations[].operation").toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "install" -> new DeploymentUnitOperation.Install(required(o.url(), "operations[].url"), text(o.uuid()),
                    text(o.username()), text(o.password()), text(o.executionEnvRef()));
            case "update" -> new DeploymentUnitOperation.Update(text(o.uuid()), text(o.version()), text(o.url()),
                    text(o.username()), text(o.password()));
            case "uninstall" -> new DeploymentUnitOperation.Uninstall(required(o.uuid(), "operations[].uuid"),
                    text(o.version()), text(o.executionEnvRef()));
            default -> throw new IllegalArgumentException("operation '" + o.operation()
                    + "' is none of install, update, uninstall");
        };
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("the field \"" + field + "\" is required");
        }
        return value;
    }
}
