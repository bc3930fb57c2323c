package io.lodestar.acs.server.cli;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.server.StoreAccess;
import io.lodestar.acs.server.config.AcsConfig;
import io.lodestar.acs.server.config.Settings;
import io.lodestar.acs.service.ErrorCode;
import io.lodestar.acs.service.Ids;
import io.lodestar.acs.service.NewValue;
import io.lodestar.acs.service.QueueOptions;
import io.lodestar.acs.service.ServiceException;
import io.lodestar.acs.service.Services;
import io.lodestar.acs.store.AcsStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code lodestar task}: queues a task for a device in the store, to run at the device's next session, through
 * the {@link io.lodestar.acs.service.TaskService}: a device, path, value or type it refuses is reported with its
 * message. It opens the store itself: the embedded store admits one writer, so the ACS must be stopped
 * meanwhile; on Cassandra it may run (the REST API will queue tasks into a running ACS either way).
 */
@Command(name = "task", mixinStandardHelpOptions = true,
        description = {"Queue a task for a device (embedded store: with the ACS stopped; Cassandra: any time). Actions:",
                "  get PATH...                       GetParameterValues",
                "  set PATH=VALUE[:TYPE]...          SetParameterValues (type default: the stored parameter's)",
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
        // set goes as values, for the service to type from the stored parameters; every other action as it is
        TaskAction taskAction = null;
        List<NewValue> values = List.of();
        Duration timeToLive;
        AcsConfig config;
        try {
            if (action.equals("set")) {
                values = newValues();
            } else {
                taskAction = parseAction();
            }
            timeToLive = Settings.load(null, Map.of(), Map.of("tasks.max-backoff", ttl)).duration("tasks.max-backoff");
            config = options.load(Map.of());
        } catch (IllegalArgumentException | SettingsException e) {
            err.println("lodestar: " + e.getMessage());
            return 2;
        }
        try (AcsStore store = StoreAccess.openForWriting(config)) {
            Services services = Services.over(store, Clock.systemUTC());
            DeviceId id = Ids.deviceId(deviceId);
            if (register) {
                services.devices().register(id);
            }
            QueueOptions queueOptions = QueueOptions.timeToLive(timeToLive);
            Task task = taskAction == null
                    ? services.tasks().queueSetValues(id, values, key, queueOptions)
                    : services.tasks().queue(id, taskAction, queueOptions);
            out.printf("queued %s %s for %s%n", task.id(), task.action().name(), id);
            return 0;
        } catch (ServiceException e) {
            if (e.code() == ErrorCode.DEVICE_NOT_FOUND) {
                err.println("lodestar: no device " + deviceId + " in " + StoreAccess.describe(config)
                        + " (use --register to pre-register it)");
                return 1;
            }
            err.println("lodestar: " + e.getMessage());
            return e.code().isNotFound() ? 1 : 2;
        } catch (RuntimeException e) {
            err.println("lodestar: " + e.getMessage());
            return 1;
        }
    }

    private TaskAction parseAction() {
        return switch (action) {
            case "get" -> new TaskAction.GetParameterValues(requireArgs());
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

    /** The values of {@code set}, each typed as given or (when not) left for the service to type. */
    private List<NewValue> newValues() {
        return requireArgs().stream().map(TaskCommand::parseValue).toList();
    }

    /** {@code Device.X.Y=value} (the stored parameter's type) or {@code Device.X.Y=value:xsd:unsignedInt}. */
    static NewValue parseValue(String arg) {
        int eq = arg.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("set takes PATH=VALUE[:TYPE], not '" + arg + "'");
        }
        String path = arg.substring(0, eq);
        String rest = arg.substring(eq + 1);
        int typeAt = rest.lastIndexOf(":xsd:");
        if (typeAt >= 0) {
            return new NewValue(path, rest.substring(0, typeAt), rest.substring(typeAt + 1));
        }
        return NewValue.of(path, rest);
    }
}
