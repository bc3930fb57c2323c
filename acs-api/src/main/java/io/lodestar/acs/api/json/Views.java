package io.lodestar.acs.api.json;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The JSON shapes of the API's answers (docs/api.md and the OpenAPI document describe them). */
public final class Views {

    private Views() {}

    @Schema(name = "DeviceSummary")
    public record DeviceSummary(String id, String manufacturer, String oui, String productClass, String serialNumber,
                                String softwareVersion, String hardwareVersion, Instant lastInform,
                                Instant registeredAt, List<String> tags,
                                @Schema(description = "only with ?parameters=") Map<String, String> parameters) {

        public static DeviceSummary of(Device d, Map<String, String> parameters) {
            DeviceIdStruct s = d.deviceIdStruct();
            return new DeviceSummary(d.id().value(), s == null ? null : s.manufacturer(), s == null ? null : s.oui(),
                    s == null ? null : s.productClass(), s == null ? null : s.serialNumber(), d.softwareVersion(),
                    d.hardwareVersion(), d.lastInformAt(), d.registeredAt(), List.copyOf(new TreeSet<>(d.tags())),
                    parameters);
        }
    }

    @Schema(name = "DevicePage")
    public record DevicePage(List<DeviceSummary> items, @Schema(description = "cursor of the next page, or null") String next) {}

    @Schema(name = "Reachability")
    public record Reachability(String remoteAddress, String connectionRequestUrl) {}

    @Schema(name = "OperationView")
    public record OperationView(String taskId, String kind, String commandKey, String status, Instant startedAt,
                                Instant deadline, Instant endedAt) {
        public static OperationView of(Operation o) {
            return new OperationView(o.taskId().value(), o.kind().name(), o.commandKey(), o.status().name(),
                    o.startedAt(), o.deadline(), o.endedAt());
        }
    }

    @Schema(name = "Fault")
    public record Fault(String deviceId, int code, String message, Instant at, String taskId, String method) {
        public static Fault of(DeviceFault f) {
            return new Fault(f.deviceId().value(), f.code(), f.message(), f.at(),
                    f.taskId() == null ? null : f.taskId().value(), f.method());
        }
    }

    @Schema(name = "DeviceDetail")
    public record DeviceDetail(String id, String manufacturer, String oui, String productClass, String serialNumber,
                               String softwareVersion, String hardwareVersion, Instant lastInform,
                               Instant registeredAt, List<String> tags, Reachability reachability,
                               List<OperationView> operations, List<Fault> recentFaults) {
        public static DeviceDetail of(Device d, List<Operation> operations, List<DeviceFault> faults) {
            DeviceSummary s = DeviceSummary.of(d, null);
            return new DeviceDetail(s.id(), s.manufacturer(), s.oui(), s.productClass(), s.serialNumber(),
                    s.softwareVersion(), s.hardwareVersion(), s.lastInform(), s.registeredAt(), s.tags(),
                    new Reachability(d.remoteAddress(), d.connectionRequestUrl()),
                    operations.stream().map(OperationView::of).toList(), faults.stream().map(Fault::of).toList());
        }
    }

    @Schema(name = "ParameterView")
    public record ParameterView(String path, String value, String type, Boolean writable, Instant updatedAt) {
        public static ParameterView of(Parameter p) {
            return new ParameterView(p.path(), p.value(), p.type(), p.writable(), p.reportedAt());
        }
    }

    @Schema(name = "Items")
    public record Items<T>(List<T> items) {}

    @Schema(name = "Matched")
    public record Matched(int matched) {}

    @Schema(name = "TaskFault")
    public record TaskFaultView(int code, String message, Instant at) {}

    @Schema(name = "ValueView")
    public record ValueView(String path, String value, String type) {}

    @Schema(name = "Task")
    public record TaskView(String id, String deviceId, String type, String status, Instant createdAt,
                           Instant expiresAt, Instant completedAt, TaskRequest action,
                           @Schema(description = "the device's answer once DONE: {values}, {names}, "
                                   + "{instanceNumber,status} or {status}") Map<String, Object> result,
                           TaskFaultView fault, int attempts) {}

    @Schema(name = "NewToken")
    public record NewTokenRequest(String name, List<String> scopes) {}

    @Schema(name = "TokenView")
    public record TokenView(String id, String name, List<String> scopes, Instant createdAt, Instant lastUsedAt,
                            Instant revokedAt) {}

    @Schema(name = "CreatedToken")
    public record CreatedToken(String id, String name, List<String> scopes, Instant createdAt,
                               @Schema(description = "the token text, shown this once") String token) {}

    @Schema(name = "NewCpeCredentials")
    public record NewCpeCredentials(String username,
                                    @Schema(description = "kept only as Digest hashes, never returned") String password) {}

    @Schema(name = "CpeCredentialsView", description = "who the credentials are for; never the password or its hashes")
    public record CpeCredentialsView(@Schema(description = "device, product-class or default") String scope,
                                     String deviceId, String oui, String productClass, String username, String realm,
                                     Instant setAt) {}

    @Schema(name = "Health")
    public record Health(String status, String version) {}
}
