package io.lodestar.acs.server.cli;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.server.StoreAccess;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.ConfigException;
import io.lodestar.acs.service.DeviceDetails;
import io.lodestar.acs.service.DeviceService;
import io.lodestar.acs.service.ErrorCode;
import io.lodestar.acs.service.Ids;
import io.lodestar.acs.service.ServiceException;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.DeviceQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code lodestar devices}: lists or searches devices, or shows one with its parameters, tasks and faults,
 * through the services (read-only: it changes nothing, so it announces nothing).
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List or search the devices in the store, or show one device (read-only; works while the ACS runs).")
final class DevicesCommand implements Callable<Integer> {

    @Option(names = "--param", paramLabel = "PATH=VALUE",
            description = "Only devices whose parameter PATH has exactly VALUE; PATH must be one of "
                    + "store.indexed-parameters (repeatable: all must match).")
    Map<String, String> parameterCriteria = new LinkedHashMap<>();

    @Option(names = "--product-class", paramLabel = "CLASS", description = "Only devices of this product class.")
    String productClass;

    @Option(names = "--software", paramLabel = "VERSION", description = "Only devices running this software version.")
    String softwareVersion;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only devices carrying this tag.")
    String tag;

    @Option(names = "--informed-after", paramLabel = "INSTANT",
            description = "Only devices whose last Inform is at or after this instant (e.g. 2026-12-01T00:00:00Z).")
    Instant informedAfter;

    @Option(names = "--informed-before", paramLabel = "INSTANT",
            description = "Only devices whose last Inform is before this instant.")
    Instant informedBefore;

    @Option(names = "--after", paramLabel = "DEVICE", description = "List from the device after this one (paging).")
    String after;

    @Spec
    CommandSpec spec;

    @Mixin
    SettingsOptions options = new SettingsOptions();

    @Option(names = "--prefix", paramLabel = "PATH", defaultValue = "", description = "Only parameters under this path.")
    String prefix;

    @Option(names = "--limit", defaultValue = "1000", description = "Most devices to list.")
    int limit;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DEVICE", description = "The device to show.")
    String deviceId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AcsConfig config;
        try {
            config = options.load(Map.of());
        } catch (ConfigException e) {
            err.println("lodestar: " + e.getMessage());
            return 2;
        }
        try (AcsStore store = StoreAccess.openForReading(config)) {
            Services services = Services.over(store, Clock.systemUTC());
            DeviceService deviceService = services.devices();
            if (deviceId == null) {
                List<Device> devices = deviceService.search(query(), after == null ? null : Ids.deviceId(after), limit);
                for (Device d : devices) {
                    out.printf("%s\tlast inform %s\tsoftware %s\tfrom %s%n", d.id(), d.lastInformAt(),
                            d.softwareVersion(), d.remoteAddress());
                }
                out.printf("%d device(s)%n", devices.size());
                return 0;
            }
            DeviceId id = Ids.deviceId(deviceId);
            DeviceDetails details = deviceService.details(id, prefix);
            print(out, details.device(), details.parameters(), services.tasks().tasks(id), deviceService.operations(id),
                    deviceService.faults(id, 20));
            return 0;
        } catch (ServiceException e) {
            if (e.code() == ErrorCode.DEVICE_NOT_FOUND) {
                err.println("lodestar: no device " + deviceId + " in " + StoreAccess.describe(config));
                return 1;
            }
            err.println("lodestar: " + e.getMessage());
            return e.code().isNotFound() ? 1 : 2;
        } catch (RuntimeException e) {
            err.println("lodestar: " + e.getMessage());
            return 1;
        }
    }

    private DeviceQuery query() {
        DeviceQuery q = DeviceQuery.ALL.informedBetween(informedAfter, informedBefore);
        if (productClass != null) {
            q = q.withProductClass(productClass);
        }
        if (softwareVersion != null) {
            q = q.withSoftwareVersion(softwareVersion);
        }
        if (tag != null) {
            q = q.withTag(tag);
        }
        for (Map.Entry<String, String> e : parameterCriteria.entrySet()) {
            q = q.withParameter(e.getKey(), e.getValue());
        }
        return q;
    }

    private static void print(PrintWriter out, Device d, List<Parameter> parameters, List<Task> tasks,
                              List<Operation> operations, List<DeviceFault> faults) {
        out.printf("device %s%n  registered %s, last inform %s, last boot %s%n  events %s from %s, CWMP %s%n"
                        + "  software %s, hardware %s, connection request URL %s%n  discovery %s%n",
                d.id(), d.registeredAt(), d.lastInformAt(), d.lastBootAt(),
                d.lastEvents().stream().map(e -> e.commandKey().isEmpty() ? e.eventCode()
                        : e.eventCode() + " (" + e.commandKey() + ")").toList(), d.remoteAddress(),
                d.cwmpVersion(), d.softwareVersion(), d.hardwareVersion(), d.connectionRequestUrl(),
                d.discoveryRequired() ? "required" : "done at " + d.discoveredAt());
        out.printf("parameters (%d)%n", parameters.size());
        for (Parameter p : parameters) {
            if (p.isObject()) {
                out.printf("  %s%n", p.path());
            } else {
                out.printf("  %s = %s (%s%s)%n", p.path(), p.value(), p.type(),
                        Boolean.TRUE.equals(p.writable()) ? ", writable" : "");
            }
        }
        out.printf("tasks (%d)%n", tasks.size());
        for (Task t : tasks) {
            out.printf("  %s %s %s attempts=%d%s%s%n", t.id(), t.action().name(), t.status(), t.attempts(),
                    t.result() == null ? "" : " result=" + t.result(),
                    t.lastFault() == null ? "" : " fault=" + t.lastFault().code() + " " + t.lastFault().message());
        }
        out.printf("operations (%d)%n", operations.size());
        for (Operation o : operations) {
            out.printf("  %s %s%s %s started %s%s%n", o.taskId(), o.kind(),
                    o.commandKey().isEmpty() ? "" : " (" + o.commandKey() + ")", o.status(), o.startedAt(),
                    o.isInProgress() ? ", deadline " + o.deadline() : ", ended " + o.endedAt());
        }
        out.printf("faults (%d)%n", faults.size());
        for (DeviceFault f : faults) {
            out.printf("  %s %s %d %s%n", f.at(), f.method(), f.code(), f.message());
        }
    }
}
