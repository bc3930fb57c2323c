package io.lodestar.acs.server.cli;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.server.StoreAccess;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.ConfigException;
import io.lodestar.acs.server.config.Settings;
import io.lodestar.acs.store.AcsStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code lodestar task}: queues a task for a device in the store, to run at the device's next session.
 * It writes to the store directly: the embedded store admits one writer, so the ACS must be stopped
 * meanwhile; on Cassandra it may run (the REST API will queue tasks into a running ACS either way).
 */
@Command(name = "task", mixinStandardHelpOptions = true,
        description = {"Queue a task for a device (embedded store: with the ACS stopped; Cassandra: any time). Actions:",
                "  get PATH...                       GetParameterValues",
                "  set PATH=VALUE[:TYPE]...          SetParameterValues (type default xsd:string)",
                "  names PATH [--next-level]         GetParameterNames",
                "  add-object OBJECT.                AddObject",
                "  delete-object OBJECT.             DeleteObject",
                "  reboot | factory-reset            Reboot | FactoryReset",
                "  refresh [OBJECT.]                 learn a subtree (or everything) again"})
final class TaskCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SettingsOptions options = new SettingsOptions();

    @Option(names = "--key", defaultValue = "", description = "ParameterKey (set, add-object, delete-object) or CommandKey (reboot).")
    String key;

    @Option(names = "--next-level", description = "For names: only the direct children.")
    boolean nextLevel;

    @Option(names = "--ttl", defaultValue = "7d", description = "How long the task may wait for the device (default 7d).")
    String ttl;

    @Option(names = "--register", description = "Register the device first if the store does not know it.")
    boolean register;

    @Parameters(index = "0", paramLabel = "DEVICE")
    String deviceId;

    @Parameters(index = "1", paramLabel = "ACTION")
    String action;

    @Parameters(index = "2..*", paramLabel = "ARG")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TaskAction taskAction;
        Duration timeToLive;
        AcsConfig.StoreConfig config;
        try {
            taskAction = parseAction();
            timeToLive = Settings.load(null, Map.of(), Map.of("tasks.max-backoff", ttl)).duration("tasks.max-backoff");
            config = options.load(Map.of()).store();
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("lodestar: " + e.getMessage());
            return 2;
        }
        try (AcsStore store = StoreAccess.openForWriting(config)) {
            DeviceId id = new DeviceId(deviceId);
            Instant now = Instant.now();
            if (store.findDevice(id).isEmpty()) {
                if (!register) {
                    err.println("lodestar: no device " + deviceId + " in " + StoreAccess.describe(config)
                            + " (use --register to pre-register it)");
                    return 1;
                }
                store.register(Device.register(id, now));
            }
            Task task = store.addTask(Task.queue(id, taskAction, now, timeToLive));
            out.printf("queued %s %s for %s%n", task.id(), taskAction.name(), id);
            return 0;
        } catch (RuntimeException e) {
            err.println("lodestar: " + e.getMessage());
            return 1;
        }
    }

    private TaskAction parseAction() {
        return switch (action) {
            case "get" -> new TaskAction.GetParameterValues(requireArgs());
            case "set" -> new TaskAction.SetParameterValues(requireArgs().stream().map(TaskCommand::parseValue).toList(), key);
            case "names" -> new TaskAction.GetParameterNames(args.isEmpty() ? "" : args.get(0), nextLevel);
            case "add-object" -> new TaskAction.AddObject(single(), key);
            case "delete-object" -> new TaskAction.DeleteObject(single(), key);
            case "reboot" -> new TaskAction.Reboot(key);
            case "factory-reset" -> new TaskAction.FactoryReset();
            case "refresh" -> new TaskAction.Refresh(args.isEmpty() ? "" : args.get(0));
            default -> throw new IllegalArgumentException("unknown action '" + action
                    + "' (get, set, names, add-object, delete-object, reboot, factory-reset, refresh)");
        };
    }

    private List<String> requireArgs() {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(action + " needs at least one parameter");
        }
        return args;
    }

    private String single() {
        if (args.size() != 1) {
            throw new IllegalArgumentException(action + " needs exactly one object path");
        }
        return args.get(0);
    }

    /** {@code Device.X.Y=value} or {@code Device.X.Y=value:xsd:unsignedInt}. */
    static ParameterValueStruct parseValue(String arg) {
        int eq = arg.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("set takes PATH=VALUE[:TYPE], not '" + arg + "'");
        }
        String path = arg.substring(0, eq);
        String rest = arg.substring(eq + 1);
        int typeAt = rest.lastIndexOf(":xsd:");
        if (typeAt >= 0) {
            return new ParameterValueStruct(path, rest.substring(0, typeAt), rest.substring(typeAt + 1));
        }
        return ParameterValueStruct.string(path, rest);
    }
}
