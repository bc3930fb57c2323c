package io.lodestar.acs.api.json;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
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
        @JsonSubTypes.Type(value = TaskRequest.Refresh.class, name = "refresh")})
@Schema(name = "TaskRequest", description = "A task to queue; the field type selects the schema",
        oneOf = {TaskRequest.GetParameterValues.class, TaskRequest.SetParameterValues.class,
                TaskRequest.GetParameterNames.class, TaskRequest.AddObject.class, TaskRequest.DeleteObject.class,
                TaskRequest.Reboot.class, TaskRequest.FactoryReset.class, TaskRequest.Refresh.class},
        discriminatorProperty = "type", discriminatorMapping = {
        @DiscriminatorMapping(value = "getParameterValues", schema = TaskRequest.GetParameterValues.class),
        @DiscriminatorMapping(value = "setParameterValues", schema = TaskRequest.SetParameterValues.class),
        @DiscriminatorMapping(value = "getParameterNames", schema = TaskRequest.GetParameterNames.class),
        @DiscriminatorMapping(value = "addObject", schema = TaskRequest.AddObject.class),
        @DiscriminatorMapping(value = "deleteObject", schema = TaskRequest.DeleteObject.class),
        @DiscriminatorMapping(value = "reboot", schema = TaskRequest.Reboot.class),
        @DiscriminatorMapping(value = "factoryReset", schema = TaskRequest.FactoryReset.class),
        @DiscriminatorMapping(value = "refresh", schema = TaskRequest.Refresh.class)})
public sealed interface TaskRequest {

    String type();

    @Schema(name = "GetParameterValuesTask")
    record GetParameterValues(String type, List<String> paths) implements TaskRequest {}

    /** A value to set; {@code type} (e.g. xsd:string) may be left out: the stored parameter's type is taken. */
    @Schema(name = "NewValue")
    record Value(String path, String value, String type) {}

    @Schema(name = "SetParameterValuesTask")
    record SetParameterValues(String type, List<Value> values, String parameterKey) implements TaskRequest {}

    @Schema(name = "GetParameterNamesTask")
    record GetParameterNames(String type, String path, Boolean nextLevel) implements TaskRequest {}

    @Schema(name = "AddObjectTask")
    record AddObject(String type, String path, String parameterKey) implements TaskRequest {}

    @Schema(name = "DeleteObjectTask")
    record DeleteObject(String type, String path, String parameterKey) implements TaskRequest {}

    @Schema(name = "RebootTask")
    record Reboot(String type, String commandKey) implements TaskRequest {}

    @Schema(name = "FactoryResetTask")
    record FactoryReset(String type) implements TaskRequest {}

    @Schema(name = "RefreshTask")
    record Refresh(String type, String path) implements TaskRequest {}

    /** A task's action as the API shows it: the same shape as the request that queued it. */
    static TaskRequest of(TaskAction action) {
        return action.accept(new TaskAction.Visitor<>() {
            @Override
            public TaskRequest visit(TaskAction.GetParameterValues a) {
                return new GetParameterValues(a.name(), a.parameterNames());
            }

            @Override
            public TaskRequest visit(TaskAction.SetParameterValues a) {
                return new SetParameterValues(a.name(), a.values().stream()
                        .map((ParameterValueStruct v) -> new Value(v.name(), v.value(), v.type())).toList(),
                        a.parameterKey());
            }

            @Override
            public TaskRequest visit(TaskAction.GetParameterNames a) {
                return new GetParameterNames(a.name(), a.path(), a.nextLevel());
            }

            @Override
            public TaskRequest visit(TaskAction.AddObject a) {
                return new AddObject(a.name(), a.objectName(), a.parameterKey());
            }

            @Override
            public TaskRequest visit(TaskAction.DeleteObject a) {
                return new DeleteObject(a.name(), a.objectName(), a.parameterKey());
            }

            @Override
            public TaskRequest visit(TaskAction.Reboot a) {
                return new Reboot(a.name(), a.commandKey());
            }

            @Override
            public TaskRequest visit(TaskAction.FactoryReset a) {
                return new FactoryReset(a.name());
            }

            @Override
            public TaskRequest visit(TaskAction.Refresh a) {
                return new Refresh(a.name(), a.path());
            }
        });
    }
}
