package io.lodestar.acs.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.ConnectionRequestOutcome;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
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
    public record Reachability(String remoteAddress, String connectionRequestUrl,
                               @Schema(description = "the last connection request and what became of it; null when "
                                       + "none was sent") ConnectionRequestView lastConnectionRequest,
                               @Schema(description = "the UDP binding the ACS's STUN server learned for the device "
                                       + "(where UDP connection requests go); null when none is known")
                               UdpBindingView udpBinding) {}

    @Schema(name = "UdpBinding", description = "a device's UDP binding as a STUN server of this ACS learned it "
            + "(TR-111): the public address its Binding Requests come from")
    public record UdpBindingView(@Schema(description = "host:port (IPv6 in brackets)") String address,
                                 @Schema(description = "when it was last seen (stored at most every half "
                                         + "stun.binding-ttl)") Instant lastSeen,
                                 @Schema(description = "whether its Binding Request carried a valid "
                                         + "MESSAGE-INTEGRITY") boolean authenticated,
                                 @Schema(description = "the node whose STUN server received it") String node) {
        public static UdpBindingView of(io.lodestar.acs.core.device.LearnedUdpBinding b) {
            return b == null ? null : new UdpBindingView(b.address(), b.lastSeen(), b.authenticated(), b.node());
        }
    }

    @Schema(name = "ConnectionRequest", description = "one connection request; outcome: ACCEPTED (answered, waiting "
            + "for the session), SESSION_STARTED, NO_SESSION, AUTH_REJECTED, UNREACHABLE, TIMED_OUT, REFUSED, NO_URL, "
            + "RATE_LIMITED; every final outcome but SESSION_STARTED means the device's tasks wait for its next Inform")
    public record ConnectionRequestView(String id, Instant requestedAt, String target, String outcome,
                                        Instant outcomeAt, String detail, String node, boolean reached,
                                        @Schema(description = "milliseconds from the request to the outcome")
                                        long elapsedMillis) {
        public static ConnectionRequestView of(ConnectionRequestAttempt a) {
            return a == null ? null : new ConnectionRequestView(a.id(), a.requestedAt(), a.target(),
                    a.outcome().name(), a.outcomeAt(), a.detail(), a.node(),
                    a.outcome() == ConnectionRequestOutcome.SESSION_STARTED,
                    java.time.Duration.between(a.requestedAt(), a.outcomeAt()).toMillis());
        }
    }

    @Schema(name = "ConnectionRequestCredentials", description = "write-only: never shown again")
    public record CredentialsRequest(String username, String password) {}

    @Schema(name = "OperationView")
    public record OperationView(String taskId, String kind, String commandKey, String status, Instant startedAt,
                                Instant deadline, Instant endedAt,
                                @Schema(description = "transfers only: what the device reported, else null")
                                TransferView transfer) {
        public static OperationView of(Operation o) {
            return new OperationView(o.taskId().value(), o.kind().name(), o.commandKey(), o.status().name(),
                    o.startedAt(), o.deadline(), o.endedAt(), TransferView.of(o));
        }
    }

    /**
     * A transfer operation's details: the software version a firmware must bring ("" none), the transfer's start
     * and end as the device reported them, whether the transfer is over while the version is still awaited, and the
     * device's fault (null on success).
     */
    @Schema(name = "TransferView")
    public record TransferView(String expectedSoftwareVersion, Instant transferStartedAt, Instant transferCompletedAt,
                               boolean awaitingVersion, TransferFaultView fault,
                               @Schema(description = "AUTONOMOUS_TRANSFER and REQUEST_DOWNLOAD: what the device "
                                       + "reported of the transfer it made or asked for; else null")
                               DeviceInitiatedView initiated) {
        static TransferView of(Operation o) {
            if (o.kind() == OperationKind.REBOOT || o.kind() == OperationKind.FACTORY_RESET) {
                return null;
            }
            var t = o.transfer();
            return new TransferView(t.expectedSoftwareVersion(), t.transferStartedAt(), t.transferCompletedAt(),
                    o.isInProgress() && t.transferred() && t.awaitsVersion(),
                    t.fault().isFault() ? new TransferFaultView(t.fault().faultCode(), t.fault().faultString()) : null,
                    t.initiated() == null ? null : new DeviceInitiatedView(t.initiated().fileType(), t.initiated().url(),
                            t.initiated().download(), t.initiated().fileSize(), t.initiated().targetFileName(),
                            t.initiated().arguments()));
        }
    }

    @Schema(name = "DeviceInitiatedTransfer")
    public record DeviceInitiatedView(String fileType, String url, boolean download, long fileSize,
                                      String targetFileName, List<String> arguments) {}

    @Schema(name = "TransferFault")
    public record TransferFaultView(int code, String message) {}

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
            return of(d, operations, faults, null);
        }

        public static DeviceDetail of(Device d, List<Operation> operations, List<DeviceFault> faults,
                                      ConnectionRequestAttempt lastConnectionRequest) {
            return of(d, operations, faults, lastConnectionRequest, null);
        }

        public static DeviceDetail of(Device d, List<Operation> operations, List<DeviceFault> faults,
                                      ConnectionRequestAttempt lastConnectionRequest,
                                      io.lodestar.acs.core.device.LearnedUdpBinding udpBinding) {
            DeviceSummary s = DeviceSummary.of(d, null);
            return new DeviceDetail(s.id(), s.manufacturer(), s.oui(), s.productClass(), s.serialNumber(),
                    s.softwareVersion(), s.hardwareVersion(), s.lastInform(), s.registeredAt(), s.tags(),
                    new Reachability(d.remoteAddress(), d.connectionRequestUrl(),
                            ConnectionRequestView.of(lastConnectionRequest), UdpBindingView.of(udpBinding)),
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
    public record TaskFaultView(int code, String message, Instant at,
                                @Schema(description = "a refused SetParameterValues: each parameter's fault; else null")
                                List<ParameterFaultView> parameters) {
        public TaskFaultView(int code, String message, Instant at) {
            this(code, message, at, null);
        }
    }

    @Schema(name = "ParameterFault")
    public record ParameterFaultView(String path, int code, String message) {}

    @Schema(name = "ValueView")
    public record ValueView(String path, String value, String type) {}

    @Schema(name = "Task")
    public record TaskView(String id, String deviceId, String type, String status, Instant createdAt,
                           Instant expiresAt, Instant completedAt, TaskRequest action,
                           @Schema(description = "the device's answer once DONE: {values}, {names}, "
                                   + "{instanceNumber,status}, {methods}, {attributes} or {status}")
                           Map<String, Object> result,
                           TaskFaultView fault, int attempts,
                           @Schema(description = "the task this one waits for, if any") String after,
                           @Schema(description = "with ?connectionRequest=true: the connection request sent with it")
                           @JsonInclude(JsonInclude.Include.NON_NULL) ConnectionRequestView connectionRequest) {

        public TaskView withConnectionRequest(ConnectionRequestView cr) {
            return new TaskView(id, deviceId, type, status, createdAt, expiresAt, completedAt, action, result, fault,
                    attempts, after, cr);
        }
    }

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
