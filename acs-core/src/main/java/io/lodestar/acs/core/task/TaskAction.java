package io.lodestar.acs.core.task;

import io.lodestar.acs.core.rpc.DeploymentUnitOperation;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import io.lodestar.acs.core.rpc.TimeWindowStruct;

import java.util.List;
import java.util.Objects;

/**
 * What an operator wants done on a device: one RPC, or (for {@link Refresh}) a walk of RPCs.
 *
 * <p>Whatever depends on the kind of action (the session's handler, the stored encoding) chooses through a
 * {@link Visitor}, never through an {@code instanceof} chain: a new action adds a method to the visitor, and
 * every place that must handle it then fails to compile until it does.
 */
public sealed interface TaskAction {

    /** A short name for logs and APIs, e.g. {@code setParameterValues}. */
    String name();

    /** Calls the visitor's method for this action. */
    <R> R accept(Visitor<R> visitor);

    /** One method per action: what to do with each, chosen at compile time. */
    interface Visitor<R> {
        R visit(GetParameterValues action);

        R visit(SetParameterValues action);

        R visit(GetParameterNames action);

        R visit(AddObject action);

        R visit(DeleteObject action);

        R visit(Reboot action);

        R visit(FactoryReset action);

        R visit(Refresh action);

        R visit(GetRPCMethods action);

        R visit(GetParameterAttributes action);

        R visit(SetParameterAttributes action);

        R visit(ScheduleInform action);

        // transfers (issue 17): each a stored operation ended by the device's TransferComplete / DUStateChangeComplete

        R visit(Download action);

        R visit(Upload action);

        R visit(ScheduleDownload action);

        R visit(CancelTransfer action);

        R visit(GetQueuedTransfers action);

        R visit(GetAllQueuedTransfers action);

        R visit(ChangeDUState action);
    }

    /** Read values; names ending in '.' read whole subtrees. */
    record GetParameterValues(List<String> parameterNames) implements TaskAction {
        public GetParameterValues {
            parameterNames = List.copyOf(parameterNames);
            if (parameterNames.isEmpty()) {
                throw new IllegalArgumentException("getParameterValues needs at least one name");
            }
        }

        @Override
        public String name() {
            return "getParameterValues";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Write values atomically; the device records {@code parameterKey}. */
    record SetParameterValues(List<ParameterValueStruct> values, String parameterKey) implements TaskAction {
        public SetParameterValues {
            values = List.copyOf(values);
            parameterKey = parameterKey == null ? "" : parameterKey;
            if (values.isEmpty()) {
                throw new IllegalArgumentException("setParameterValues needs at least one value");
            }
        }

        @Override
        public String name() {
            return "setParameterValues";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Read names (and writability) under a path. */
    record GetParameterNames(String path, boolean nextLevel) implements TaskAction {
        public GetParameterNames {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return "getParameterNames";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /**
     * Create an instance of a multi-instance object ({@code objectName} ends in '.'), and, when {@code values} are
     * given, set them on the new instance as a chain of the same task: the names of {@code values} are relative to
     * the instance ({@code Enable} for {@code <objectName><InstanceNumber>.Enable}). The chain fails as a whole when
     * the AddObject faults, and the SetParameterValues is sent only once the AddObject answered.
     */
    record AddObject(String objectName, String parameterKey, List<ParameterValueStruct> values) implements TaskAction {
        public AddObject {
            requireObjectPath(objectName);
            parameterKey = parameterKey == null ? "" : parameterKey;
            values = values == null ? List.of() : List.copyOf(values);
            for (ParameterValueStruct v : values) {
                String name = v.name();
                if (name.isEmpty() || name.startsWith(".") || name.endsWith(".")) {
                    throw new IllegalArgumentException("a value of the new instance names a parameter relative to it"
                            + " (e.g. Enable), not '" + name + "'");
                }
            }
        }

        /** An AddObject alone. */
        public AddObject(String objectName, String parameterKey) {
            this(objectName, parameterKey, List.of());
        }

        /** The values with their full paths, once the device has said the new instance's number. */
        public List<ParameterValueStruct> valuesOf(long instanceNumber) {
            String instance = objectName + instanceNumber + ".";
            return values.stream().map(v -> new ParameterValueStruct(instance + v.name(), v.value(), v.type())).toList();
        }

        @Override
        public String name() {
            return "addObject";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Delete an object instance ({@code objectName} ends in '.'). */
    record DeleteObject(String objectName, String parameterKey) implements TaskAction {
        public DeleteObject {
            requireObjectPath(objectName);
            parameterKey = parameterKey == null ? "" : parameterKey;
        }

        @Override
        public String name() {
            return "deleteObject";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Reboot the device once the session ends. */
    record Reboot(String commandKey) implements TaskAction {
        public Reboot {
            commandKey = commandKey == null ? "" : commandKey;
        }

        @Override
        public String name() {
            return "reboot";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Reset the device to factory defaults once the session ends. */
    record FactoryReset() implements TaskAction {
        @Override
        public String name() {
            return "factoryReset";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Learn again the names and values of a subtree ({@code ""} or a root such as {@code Device.} for everything). */
    record Refresh(String path) implements TaskAction {
        public Refresh {
            path = path == null ? "" : path;
            if (!path.isEmpty()) {
                requireObjectPath(path);
            }
        }

        @Override
        public String name() {
            return "refresh";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Ask which RPCs the device supports. */
    record GetRPCMethods() implements TaskAction {
        @Override
        public String name() {
            return "getRPCMethods";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Read the notification and access-list attributes; names ending in '.' read whole subtrees. */
    record GetParameterAttributes(List<String> parameterNames) implements TaskAction {
        public GetParameterAttributes {
            parameterNames = List.copyOf(parameterNames);
            if (parameterNames.isEmpty()) {
                throw new IllegalArgumentException("getParameterAttributes needs at least one name");
            }
        }

        @Override
        public String name() {
            return "getParameterAttributes";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /**
     * Change notification (0 off, 1 passive, 2 active) and access lists; each entry says which of the two it
     * changes (its NotificationChange and AccessListChange flags).
     */
    record SetParameterAttributes(List<SetParameterAttributesStruct> attributes) implements TaskAction {
        public SetParameterAttributes {
            attributes = List.copyOf(attributes);
            if (attributes.isEmpty()) {
                throw new IllegalArgumentException("setParameterAttributes needs at least one attribute");
            }
            for (SetParameterAttributesStruct a : attributes) {
                if (a.notificationChange() && (a.notification() < 0 || a.notification() > 6)) {
                    throw new IllegalArgumentException("notification must be 0 (off), 1 (passive), 2 (active) or"
                            + " 3-6 (CWMP 1.4 lightweight and passive-and-lightweight), not " + a.notification()
                            + " for " + a.name());
                }
            }
        }

        @Override
        public String name() {
            return "setParameterAttributes";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Ask the device to inform again after {@code delaySeconds} (at least 1), with M ScheduleInform and the key. */
    record ScheduleInform(int delaySeconds, String commandKey) implements TaskAction {
        public ScheduleInform {
            commandKey = commandKey == null ? "" : commandKey;
            if (delaySeconds < 1) {
                throw new IllegalArgumentException("scheduleInform needs a delay of at least 1 second, not "
                        + delaySeconds);
            }
        }

        @Override
        public String name() {
            return "scheduleInform";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** The FileType of a firmware image, the one kind of download a software version can be expected of. */
    String FIRMWARE_IMAGE = "1 Firmware Upgrade Image";

    /**
     * Download a file to the device (firmware, web content, vendor configuration, tone, ringer, a vendor type such
     * as {@code X 000E8F CA Certificate File}). A firmware image may name the software version it brings: the
     * operation then completes only when an Inform reports it. The URL is where the device fetches the file (a
     * stored file of the ACS's own is resolved to its URL before the task is queued).
     */
    record Download(String fileType, String url, String username, String password, long fileSize,
                    String targetFileName, int delaySeconds, String successUrl, String failureUrl, String commandKey,
                    String expectedSoftwareVersion) implements TaskAction {
        public Download {
            fileType = requireText(fileType, "download needs a fileType");
            url = requireText(url, "download needs a url");
            username = orEmpty(username);
            password = orEmpty(password);
            targetFileName = orEmpty(targetFileName);
            successUrl = orEmpty(successUrl);
            failureUrl = orEmpty(failureUrl);
            commandKey = orEmpty(commandKey);
            expectedSoftwareVersion = orEmpty(expectedSoftwareVersion);
            if (fileSize < 0 || delaySeconds < 0) {
                throw new IllegalArgumentException("download: fileSize and delaySeconds must not be negative");
            }
            if (!expectedSoftwareVersion.isEmpty() && !fileType.equals(FIRMWARE_IMAGE)) {
                throw new IllegalArgumentException("an expected software version needs fileType " + FIRMWARE_IMAGE);
            }
        }

        /** The same download with another CommandKey. */
        public Download withCommandKey(String key) {
            return new Download(fileType, url, username, password, fileSize, targetFileName, delaySeconds, successUrl,
                    failureUrl, key, expectedSoftwareVersion);
        }

        @Override
        public String name() {
            return "download";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Upload a file of the device's (vendor configuration file, vendor log file) to a URL, with HTTP PUT. */
    record Upload(String fileType, String url, String username, String password, int delaySeconds, String commandKey)
            implements TaskAction {
        public Upload {
            fileType = requireText(fileType, "upload needs a fileType");
            url = requireText(url, "upload needs a url");
            username = orEmpty(username);
            password = orEmpty(password);
            commandKey = orEmpty(commandKey);
            if (delaySeconds < 0) {
                throw new IllegalArgumentException("upload: delaySeconds must not be negative");
            }
        }

        public Upload withCommandKey(String key) {
            return new Upload(fileType, url, username, password, delaySeconds, key);
        }

        @Override
        public String name() {
            return "upload";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Download a file within one or two time windows (seconds after the device's answer). */
    record ScheduleDownload(String fileType, String url, String username, String password, long fileSize,
                            String targetFileName, List<TimeWindowStruct> timeWindows, String commandKey)
            implements TaskAction {
        public ScheduleDownload {
            fileType = requireText(fileType, "scheduleDownload needs a fileType");
            url = requireText(url, "scheduleDownload needs a url");
            username = orEmpty(username);
            password = orEmpty(password);
            targetFileName = orEmpty(targetFileName);
            commandKey = orEmpty(commandKey);
            timeWindows = List.copyOf(timeWindows);
            if (timeWindows.isEmpty() || timeWindows.size() > 2) {
                throw new IllegalArgumentException("scheduleDownload needs one or two time windows");
            }
            if (fileSize < 0) {
                throw new IllegalArgumentException("scheduleDownload: fileSize must not be negative");
            }
        }

        public ScheduleDownload withCommandKey(String key) {
            return new ScheduleDownload(fileType, url, username, password, fileSize, targetFileName, timeWindows, key);
        }

        /** The end of the last window, in seconds after the device's answer. */
        public long lastWindowEnd() {
            return timeWindows.stream().mapToLong(TimeWindowStruct::windowEnd).max().orElse(0);
        }

        @Override
        public String name() {
            return "scheduleDownload";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Cancel a queued transfer by its CommandKey. */
    record CancelTransfer(String commandKey) implements TaskAction {
        public CancelTransfer {
            commandKey = orEmpty(commandKey);
        }

        @Override
        public String name() {
            return "cancelTransfer";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Read the transfers the ACS asked for that the device has queued. */
    record GetQueuedTransfers() implements TaskAction {
        @Override
        public String name() {
            return "getQueuedTransfers";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Read every transfer the device has queued, its own included. */
    record GetAllQueuedTransfers() implements TaskAction {
        @Override
        public String name() {
            return "getAllQueuedTransfers";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Install, update or uninstall deployment units. */
    record ChangeDUState(List<DeploymentUnitOperation> operations, String commandKey) implements TaskAction {
        public ChangeDUState {
            operations = List.copyOf(operations);
            commandKey = orEmpty(commandKey);
            if (operations.isEmpty()) {
                throw new IllegalArgumentException("changeDuState needs at least one operation");
            }
        }

        public ChangeDUState withCommandKey(String key) {
            return new ChangeDUState(operations, key);
        }

        @Override
        public String name() {
            return "changeDuState";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String requireText(String s, String message) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return s;
    }

    private static void requireObjectPath(String path) {
        if (path == null || !path.endsWith(".")) {
            throw new IllegalArgumentException("an object path ends in '.': " + path);
        }
    }
}
