package io.lodestar.acs.api.json;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.lodestar.acs.core.rpc.DeploymentUnitOperation;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import io.lodestar.acs.core.task.TaskAction;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The body of {@code POST /api/v1/devices/{id}/tasks}, and the {@code action} of a task: one record per task type,
 * chosen by the field {@code type}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = TaskRequest.GetParameterValues.class, name = "getParameterValues"),
        @JsonSubTypes.Type(value = TaskRequest.SetParameterValues.class, name = "setParameterValues"),
        @JsonSubTypes.Type(value = TaskRequest.GetParameterNames.class, name = "getParameterNames"),
        @JsonSubTypes.Type(value = TaskRequest.AddObject.class, name = "addObject"),
        @JsonSubTypes.Type(value = TaskRequest.DeleteObject.class, name = "deleteObject"),
        @JsonSubTypes.Type(value = TaskRequest.Reboot.class, name = "reboot"),
        @JsonSubTypes.Type(value = TaskRequest.FactoryReset.class, name = "factoryReset"),
        @JsonSubTypes.Type(value = TaskRequest.Refresh.class, name = "refresh"),
        @JsonSubTypes.Type(value = TaskRequest.GetRPCMethods.class, name = "getRPCMethods"),
        @JsonSubTypes.Type(value = TaskRequest.GetParameterAttributes.class, name = "getParameterAttributes"),
        @JsonSubTypes.Type(value = TaskRequest.SetParameterAttributes.class, name = "setParameterAttributes"),
        @JsonSubTypes.Type(value = TaskRequest.ScheduleInform.class, name = "scheduleInform"),
        @JsonSubTypes.Type(value = TaskRequest.Download.class, name = "download"),
        @JsonSubTypes.Type(value = TaskRequest.Upload.class, name = "upload"),
        @JsonSubTypes.Type(value = TaskRequest.ScheduleDownload.class, name = "scheduleDownload"),
        @JsonSubTypes.Type(value = TaskRequest.CancelTransfer.class, name = "cancelTransfer"),
        @JsonSubTypes.Type(value = TaskRequest.GetQueuedTransfers.class, name = "getQueuedTransfers"),
        @JsonSubTypes.Type(value = TaskRequest.GetAllQueuedTransfers.class, name = "getAllQueuedTransfers"),
        @JsonSubTypes.Type(value = TaskRequest.ChangeDuState.class, name = "changeDuState")})
@Schema(name = "TaskRequest", description = "A task to queue; the field type selects the schema",
        oneOf = {TaskRequest.GetParameterValues.class, TaskRequest.SetParameterValues.class,
                TaskRequest.GetParameterNames.class, TaskRequest.AddObject.class, TaskRequest.DeleteObject.class,
                TaskRequest.Reboot.class, TaskRequest.FactoryReset.class, TaskRequest.Refresh.class,
                TaskRequest.GetRPCMethods.class, TaskRequest.GetParameterAttributes.class,
                TaskRequest.SetParameterAttributes.class, TaskRequest.ScheduleInform.class,
                TaskRequest.Download.class, TaskRequest.Upload.class, TaskRequest.ScheduleDownload.class,
                TaskRequest.CancelTransfer.class, TaskRequest.GetQueuedTransfers.class,
                TaskRequest.GetAllQueuedTransfers.class, TaskRequest.ChangeDuState.class},
        discriminatorProperty = "type", discriminatorMapping = {
        @DiscriminatorMapping(value = "getParameterValues", schema = TaskRequest.GetParameterValues.class),
        @DiscriminatorMapping(value = "setParameterValues", schema = TaskRequest.SetParameterValues.class),
        @DiscriminatorMapping(value = "getParameterNames", schema = TaskRequest.GetParameterNames.class),
        @DiscriminatorMapping(value = "addObject", schema = TaskRequest.AddObject.class),
        @DiscriminatorMapping(value = "deleteObject", schema = TaskRequest.DeleteObject.class),
        @DiscriminatorMapping(value = "reboot", schema = TaskRequest.Reboot.class),
        @DiscriminatorMapping(value = "factoryReset", schema = TaskRequest.FactoryReset.class),
        @DiscriminatorMapping(value = "refresh", schema = TaskRequest.Refresh.class),
        @DiscriminatorMapping(value = "getRPCMethods", schema = TaskRequest.GetRPCMethods.class),
        @DiscriminatorMapping(value = "getParameterAttributes", schema = TaskRequest.GetParameterAttributes.class),
        @DiscriminatorMapping(value = "setParameterAttributes", schema = TaskRequest.SetParameterAttributes.class),
        @DiscriminatorMapping(value = "scheduleInform", schema = TaskRequest.ScheduleInform.class),
        @DiscriminatorMapping(value = "download", schema = TaskRequest.Download.class),
        @DiscriminatorMapping(value = "upload", schema = TaskRequest.Upload.class),
        @DiscriminatorMapping(value = "scheduleDownload", schema = TaskRequest.ScheduleDownload.class),
        @DiscriminatorMapping(value = "cancelTransfer", schema = TaskRequest.CancelTransfer.class),
        @DiscriminatorMapping(value = "getQueuedTransfers", schema = TaskRequest.GetQueuedTransfers.class),
        @DiscriminatorMapping(value = "getAllQueuedTransfers", schema = TaskRequest.GetAllQueuedTransfers.class),
        @DiscriminatorMapping(value = "changeDuState", schema = TaskRequest.ChangeDuState.class)})
public sealed interface TaskRequest {

    String type();

    /**
     * The id of a task of the same device this one waits for: it runs once that one is done, and fails when that
     * one fails, expires or is cancelled. Null: it waits for none, and no failing task holds it back.
     */
    String after();

    @Schema(name = "GetParameterValuesTask")
    record GetParameterValues(String type, List<String> paths, String after) implements TaskRequest {}

    /** A value to set; {@code type} (e.g. xsd:string) may be left out: the stored parameter's type is taken. */
    @Schema(name = "NewValue")
    record Value(String path, String value, String type) {}

    @Schema(name = "SetParameterValuesTask")
    record SetParameterValues(String type, List<Value> values, String parameterKey, String after) implements TaskRequest {}

    @Schema(name = "GetParameterNamesTask")
    record GetParameterNames(String type, String path, Boolean nextLevel, String after) implements TaskRequest {}

    /**
     * AddObject on the table {@code path} (also accepted as {@code object}); with {@code values}, named relative to
     * the new instance (e.g. {@code Enable}), the device is then sent a SetParameterValues on
     * {@code <path><InstanceNumber>.<name>} as part of the same task, which fails as a whole when the AddObject faults.
     */
    @Schema(name = "AddObjectTask")
    record AddObject(String type, @JsonAlias("object") String path, String parameterKey, List<Value> values,
                     String after) implements TaskRequest {}

    @Schema(name = "DeleteObjectTask")
    record DeleteObject(String type, String path, String parameterKey, String after) implements TaskRequest {}

    @Schema(name = "RebootTask")
    record Reboot(String type, String commandKey, String after) implements TaskRequest {}

    @Schema(name = "FactoryResetTask")
    record FactoryReset(String type, String after) implements TaskRequest {}

    @Schema(name = "RefreshTask")
    record Refresh(String type, String path, String after) implements TaskRequest {}

    @Schema(name = "GetRPCMethodsTask")
    record GetRPCMethods(String type, String after) implements TaskRequest {}

    @Schema(name = "GetParameterAttributesTask")
    record GetParameterAttributes(String type, List<String> paths, String after) implements TaskRequest {}

    /**
     * An attribute change: {@code notification} 0 (off), 1 (passive), 2 (active) and {@code accessList} (e.g.
     * ["Subscriber"], or [] for the ACS only) are each changed only when given.
     */
    @Schema(name = "AttributeChange")
    record Attribute(String path, Integer notification, List<String> accessList) {}

    @Schema(name = "SetParameterAttributesTask")
    record SetParameterAttributes(String type, List<Attribute> attributes, String after) implements TaskRequest {}

    @Schema(name = "ScheduleInformTask")
    record ScheduleInform(String type, Integer delaySeconds, String commandKey, String after) implements TaskRequest {}

    /**
     * Download a file to the device. {@code url} is where the device fetches it (a file stored by the ACS is named
     * by its URL); {@code expectedSoftwareVersion}, for a firmware image only, makes the operation complete only when
     * the device reports that version. A task shows its password as {@value #HIDDEN}.
     */
    @Schema(name = "DownloadTask")
    record Download(String type,
                    @Schema(description = "1 Firmware Upgrade Image, 2 Web Content, 3 Vendor Configuration File, "
                            + "4 Tone File, 5 Ringer File, or a vendor type such as 'X 000E8F CA Certificate File'")
                    String fileType, String url, String username, String password, Long fileSize,
                    String targetFileName, Integer delaySeconds, String successUrl, String failureUrl,
                    @Schema(description = "up to 32 characters; a fresh one when left out") String commandKey,
                    String expectedSoftwareVersion,
                    @Schema(description = "a file kept by the ACS (/api/v1/files), instead of url: the task gets "
                            + "its signed per-device URL, and its size, type and name unless given")
                    String fileId,
                    @Schema(description = "a phone profile template (/api/v1/profile-templates), instead of url: "
                            + "the task gets the signed per-device URL at which the file server renders it for the "
                            + "device; fileType 3 Vendor Configuration File unless given")
                    String profile, String after) implements TaskRequest {

        /** This body with the stored file's link filled in where the body left the field out. */
        public Download withFile(String fileUrl, long size, String type, String name, String version) {
            return new Download(this.type, fileType == null ? type : fileType, fileUrl, username, password,
                    fileSize == null ? Long.valueOf(size) : fileSize, targetFileName == null ? name : targetFileName,
                    delaySeconds, successUrl, failureUrl, commandKey,
                    expectedSoftwareVersion == null && (fileType == null ? type : fileType).equals(FIRMWARE)
                            && !version.isEmpty() ? version : expectedSoftwareVersion, null, null, after);
        }
    }

    /** The FileType whose Download may expect a software version. */
    String FIRMWARE = "1 Firmware Upgrade Image";

    /** Upload a file of the device's to a URL (the device PUTs it). */
    @Schema(name = "UploadTask")
    record Upload(String type,
                  @Schema(description = "1 Vendor Configuration File, 2 Vendor Log File, or a vendor type")
                  String fileType, String url, String username, String password, Integer delaySeconds,
                  String commandKey, String after) implements TaskRequest {}

    /** One window of a ScheduleDownload, in seconds after the device's answer. */
    @Schema(name = "TimeWindow")
    record TimeWindow(Long start, Long end,
                      @Schema(description = "1 At Any Time (default), 2 Immediately, 3 When Idle, 4 Confirmation Needed")
                      String mode, String userMessage,
                      @Schema(description = "-1 (default): the device's choice") Integer maxRetries) {}

    @Schema(name = "ScheduleDownloadTask")
    record ScheduleDownload(String type, String fileType, String url, String username, String password, Long fileSize,
                            String targetFileName, List<TimeWindow> timeWindows, String commandKey, String after)
            implements TaskRequest {}

    @Schema(name = "CancelTransferTask")
    record CancelTransfer(String type, String commandKey, String after) implements TaskRequest {}

    @Schema(name = "GetQueuedTransfersTask")
    record GetQueuedTransfers(String type, String after) implements TaskRequest {}

    @Schema(name = "GetAllQueuedTransfersTask")
    record GetAllQueuedTransfers(String type, String after) implements TaskRequest {}

    /** One deployment-unit operation: {@code operation} install (url), update (uuid or url) or uninstall (uuid). */
    @Schema(name = "DeploymentUnitOperation")
    record DuOperation(@Schema(allowableValues = {"install", "update", "uninstall"}) String operation, String url,
                       String uuid, String version, String username, String password, String executionEnvRef) {}

    @Schema(name = "ChangeDuStateTask")
    record ChangeDuState(String type, List<DuOperation> operations, String commandKey, String after) implements TaskRequest {}

    /** How a stored password is shown. */
    String HIDDEN = "********";

    private static String hidden(String password) {
        return password.isEmpty() ? "" : HIDDEN;
    }

    /** A task's action as the API shows it: the same shape as the request that queued it. */
    static TaskRequest of(TaskAction action) {
        return action.accept(new TaskAction.Visitor<>() {
            @Override
            public TaskRequest visit(TaskAction.GetParameterValues a) {
                return new GetParameterValues(a.name(), a.parameterNames(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.SetParameterValues a) {
                return new SetParameterValues(a.name(), a.values().stream()
                        .map((ParameterValueStruct v) -> new Value(v.name(), v.value(), v.type())).toList(),
                        a.parameterKey(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.GetParameterNames a) {
                return new GetParameterNames(a.name(), a.path(), a.nextLevel(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.AddObject a) {
                return new AddObject(a.name(), a.objectName(), a.parameterKey(), a.values().isEmpty() ? null
                        : a.values().stream().map(v -> new Value(v.name(), v.value(), v.type())).toList(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.DeleteObject a) {
                return new DeleteObject(a.name(), a.objectName(), a.parameterKey(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.Reboot a) {
                return new Reboot(a.name(), a.commandKey(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.FactoryReset a) {
                return new FactoryReset(a.name(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.Refresh a) {
                return new Refresh(a.name(), a.path(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.GetRPCMethods a) {
                return new GetRPCMethods(a.name(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.GetParameterAttributes a) {
                return new GetParameterAttributes(a.name(), a.parameterNames(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.SetParameterAttributes a) {
                return new SetParameterAttributes(a.name(), a.attributes().stream()
                        .map((SetParameterAttributesStruct x) -> new Attribute(x.name(),
                                x.notificationChange() ? x.notification() : null,
                                x.accessListChange() ? x.accessList() : null)).toList(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.ScheduleInform a) {
                return new ScheduleInform(a.name(), a.delaySeconds(), a.commandKey(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.Download a) {
                return new Download(a.name(), a.fileType(), a.url(), a.username(), hidden(a.password()), a.fileSize(),
                        a.targetFileName(), a.delaySeconds(), a.successUrl(), a.failureUrl(), a.commandKey(),
                        a.expectedSoftwareVersion(), null, null, null);
            }

            @Override
            public TaskRequest visit(TaskAction.Upload a) {
                return new Upload(a.name(), a.fileType(), a.url(), a.username(), hidden(a.password()),
                        a.delaySeconds(), a.commandKey(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.ScheduleDownload a) {
                return new ScheduleDownload(a.name(), a.fileType(), a.url(), a.username(), hidden(a.password()),
                        a.fileSize(), a.targetFileName(), a.timeWindows().stream().map(w -> new TimeWindow(
                        w.windowStart(), w.windowEnd(), w.windowMode(), w.userMessage(), w.maxRetries())).toList(),
                        a.commandKey(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.CancelTransfer a) {
                return new CancelTransfer(a.name(), a.commandKey(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.GetQueuedTransfers a) {
                return new GetQueuedTransfers(a.name(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.GetAllQueuedTransfers a) {
                return new GetAllQueuedTransfers(a.name(), null);
            }

            @Override
            public TaskRequest visit(TaskAction.ChangeDUState a) {
                return new ChangeDuState(a.name(), a.operations().stream().map(TaskRequest::duOperation).toList(),
                        a.commandKey(), null);
            }
        });
    }

    private static DuOperation duOperation(DeploymentUnitOperation op) {
        if (op instanceof DeploymentUnitOperation.Install i) {
            return new DuOperation("install", i.url(), i.uuid(), null, i.username(), hidden(i.password()),
                    i.executionEnvRef());
        } else if (op instanceof DeploymentUnitOperation.Update u) {
            return new DuOperation("update", u.url(), u.uuid(), u.version(), u.username(), hidden(u.password()), null);
        }
        DeploymentUnitOperation.Uninstall u = (DeploymentUnitOperation.Uninstall) op;
        return new DuOperation("uninstall", null, u.uuid(), u.version(), null, null, u.executionEnvRef());
    }
}
