package io.lodestar.acs.server.cli;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.server.StoreAccess;
import io.lodestar.acs.store.AcsStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lodestar devices}: lists devices, or shows one with its parameters, tasks and faults. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the devices in the store, or show one device (read-only; works while the ACS runs).")
final class DevicesCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data", description = "Store directory (default ./data).")
    Path data;

    @Option(names = "--prefix", paramLabel = "PATH", defaultValue = "", description = "Only parameters under this path.")
    String prefix;

    @Option(names = "--limit", defaultValue = "1000", description = "Most devices to list.")
    int limit;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DEVICE", description = "The device to show.")
    String deviceId;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        try (AcsStore store = StoreAccess.openForReading(data)) {
            if (deviceId == null) {
                List<Device> devices = store.listDevices(null, limit);
                for (Device d : devices) {
                    out.printf("%s\tlast inform %s\tsoftware %s\tfrom %s%n", d.id(), d.lastInformAt(),
                            d.softwareVersion(), d.remoteAddress());
                }
                out.printf("%d device(s)%n", devices.size());
                return 0;
            }
            DeviceId id = new DeviceId(deviceId);
            Optional<Device> device = store.findDevice(id);
            if (device.isEmpty()) {
                System.err.println("lodestar: no device " + deviceId + " in " + data);
                return 1;
            }
            print(out, device.get(), store.parameters(id, prefix), store.tasks(id), store.faults(id, 20));
            return 0;
        } catch (RuntimeException e) {
            System.err.println("lodestar: " + e.getMessage());
            return 1;
        }
    }

    private static void print(PrintStream out, Device d, List<Parameter> parameters, List<Task> tasks,
                              List<DeviceFault> faults) {
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
        out.printf("faults (%d)%n", faults.size());
        for (DeviceFault f : faults) {
            out.printf("  %s %s %d %s%n", f.at(), f.method(), f.code(), f.message());
        }
    }
}
