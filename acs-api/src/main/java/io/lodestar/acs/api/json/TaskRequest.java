package io.lodestar.acs.api.json;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
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
        @JsonSubTypes.Type(value = TaskRequest.ScheduleInform.class, name = "scheduleInform")})
@Schema(name = "TaskRequest", description = "A task to queue; the field type selects the schema",
        oneOf = {TaskRequest.GetParameterValues.class, TaskRequest.SetParameterValues.class,
                TaskRequest.GetParameterNames.class, TaskRequest.AddObject.class, TaskRequest.DeleteObject.class,
                TaskRequest.Reboot.class, TaskRequest.FactoryReset.class, TaskRequest.Refresh.class,
                TaskRequest.GetRPCMethods.class, TaskRequest.GetParameterAttributes.class,
                TaskRequest.SetParameterAttributes.class, TaskRequest.ScheduleInform.class},
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
        @DiscriminatorMapping(value = "scheduleInform", schema = TaskRequest.ScheduleInform.class)})
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

    @Schema(name = "AddObjectTask")
    record AddObject(String type, String path, String parameterKey, String after) implements TaskRequest {}

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
                return new AddObject(a.name(), a.objectName(), a.parameterKey(), null);
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
        });
    }
}
