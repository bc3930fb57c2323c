package io.lodestar.acs.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lodestar.acs.server.cli.client.ApiClient;
import io.lodestar.acs.server.cli.client.ApiResponse;
import io.lodestar.acs.server.cli.client.ExitCode;
import io.lodestar.acs.server.cli.client.UriText;
import io.lodestar.acs.server.cli.output.JsonText;
import io.lodestar.acs.server.cli.output.TaskViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code lodestar task}: creates a task for a device through the running ACS's API (which checks the device,
 * paths, values and types before it queues anything), optionally waits for its result, and lists, shows,
 * cancels and retries a device's tasks.
 */
@Command(name = "task", mixinStandardHelpOptions = true,
        description = {"Create a task for a device of the running ACS (through its API), or look at its tasks. Actions:",
                "  get PATH...                       GetParameterValues",
                "  set PATH=VALUE[:TYPE]...          SetParameterValues (type default: the stored parameter's)",
                "  names PATH [--next-level]         GetParameterNames",
                "  add-object OBJECT. [NAME=VALUE[:TYPE]...]  AddObject, then the values set on the new instance",
                "                                    (NAME relative to it, e.g. Enable=true), in one task",
                "  delete-object OBJECT.             DeleteObject",
                "  reboot | factory-reset            Reboot | FactoryReset",
                "  refresh [OBJECT.]                 learn a subtree (or everything) again",
                "  methods                           GetRPCMethods",
                "  get-attributes PATH...            GetParameterAttributes",
                "  set-attributes PATH... [--notification 0|1|2] [--access-list Subscriber,...]  SetParameterAttributes",
                "  schedule-inform SECONDS           ScheduleInform (--key: CommandKey)",
                "  download FILETYPE URL             Download (--size, --user, --password, --target, --delay,",
                "                                    --expect-version; --key CommandKey, a fresh one by default)",
                "  upload FILETYPE URL               Upload (--user, --password, --delay, --key)",
                "  queued | cancel-transfer KEY      GetAllQueuedTransfers | CancelTransfer",
                "  list | show TASK                  the device's tasks | one task with its result",
                "  cancel TASK | retry TASK          cancel a pending task | retry a failed one",
                "A task runs at the device's next session; --wait SECONDS waits for its result;",
                "--after TASK makes it wait for another task of the device (and fail if that one fails)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done (or queued, without --wait)", "1:the ACS did not answer or failed, no such device or task, or the task failed",
                "2:refused as invalid (unknown path, read-only parameter, bad value)",
                "3:no token, a refused token or a missing scope", "4:--wait ended before the task did (it stays queued)"})
final class TaskCommand extends ApiCommand {

    /** The longest wait the API grants. */
    static final int MAX_WAIT_SECONDS = 60;

    @Option(names = "--key", defaultValue = "", description = "ParameterKey (set, add-object, delete-object) or CommandKey (reboot).")
    String key;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "0", description = "For download: FileSize (0: unknown).")
    long fileSize;

    @Option(names = "--user", defaultValue = "", description = "For download, upload: the file server's username.")
    String fileUser;

    @Option(names = "--password", defaultValue = "", description = "For download, upload: the file server's password.")
    String filePassword;

    @Option(names = "--target", defaultValue = "", description = "For download: TargetFileName.")
    String targetFileName;

    @Option(names = "--delay", paramLabel = "SECONDS", defaultValue = "0", description = "For download, upload: DelaySeconds.")
    int delaySeconds;

    @Option(names = "--expect-version", paramLabel = "VERSION", defaultValue = "",
            description = "For a firmware download: the software version the device must report afterwards.")
    String expectedVersion;

    @Option(names = "--next-level", description = "For names: only the direct children.")
    boolean nextLevel;

    @Option(names = "--notification", paramLabel = "N",
            description = "For set-attributes: 0 off, 1 passive, 2 active (left as is when not given).")
    Integer notification;

    @Option(names = "--access-list", paramLabel = "ENTITIES", split = ",",
            description = "For set-attributes: who may write besides the ACS, e.g. Subscriber ('' for none).")
    List<String> accessList;

    @Option(names = "--after", paramLabel = "TASK",
            description = "Queue the task to wait for TASK: it runs once TASK is done, and fails if TASK fails.")
    String after;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "Wait up to SECONDS (at most " + MAX_WAIT_SECONDS + ") for the task's result.")
    int waitSeconds;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Sent as Idempotency-Key: the same KEY again does not queue a second task.")
    String idempotencyKey;

    @Parameters(index = "0", paramLabel = "DEVICE")
    String deviceId;

    @Parameters(index = "1", paramLabel = "ACTION")
    String action;

    @Parameters(index = "2..*", paramLabel = "ARG")
    List<String> args = new ArrayList<>();

    @Override
    int run(ApiClient client, PrintWriter out, PrintWriter err) {
        String tasks = "/api/v1/devices/" + UriText.encode(deviceId) + "/tasks";
        return switch (action) {
            case "list" -> {
                JsonNode answer = client.get(tasks);
                print(out, answer, TaskViews.list(answer.path("items")));
                yield ExitCode.OK;
            }
            case "show" -> show(out, client.get(tasks + "/" + UriText.encode(single("a task id"))));
            case "cancel" -> show(out, client.post(tasks + "/" + UriText.encode(single("a task id")) + "/cancel", null));
            case "retry" -> show(out, client.post(tasks + "/" + UriText.encode(single("a task id")) + "/retry", null));
            default -> create(client, tasks, out, err);
        };
    }

    private int create(ApiClient client, String tasks, PrintWriter out, PrintWriter err) {
        if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
            throw new IllegalArgumentException("--wait takes 0 to " + MAX_WAIT_SECONDS + " seconds, not " + waitSeconds);
        }
        ObjectNode body = body();
        ApiResponse answer = client.send("POST", tasks + (waitSeconds > 0 ? UriText.query("wait", waitSeconds) : ""), body,
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey),
                Duration.ofSeconds(waitSeconds + 30L));
        JsonNode task = answer.body();
        show(out, task);
        if (waitSeconds > 0 && answer.status() == 202) {
            err.printf("lodestar: the task did not finish within %d s; it stays queued (lodestar task %s show %s)%n",
                    waitSeconds, deviceId, JsonText.text(task.path("id")));
            return ExitCode.STILL_PENDING;
        }
        return ExitCode.OK;
    }

    /** Prints a task; a task that failed or was cancelled ends the command with FAILED. */
    private int show(PrintWriter out, JsonNode task) {
        switch (format()) {
            case JSON -> out.print(JsonText.pretty(task));
            case CSV -> out.print(TaskViews.table(task).csv());
            case TABLE -> out.print(TaskViews.text(task));
        }
        String status = JsonText.text(task.path("status"));
        return status.equals("FAILED") || status.equals("CANCELLED") ? ExitCode.FAILED : ExitCode.OK;
    }

    /** The JSON of the task the action asks for (api-spec: one schema per task type). */
    ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        switch (action) {
            case "get" -> {
                body.put("type", "getParameterValues");
                ArrayNode paths = body.putArray("paths");
                requireArgs().forEach(paths::add);
            }
            case "set" -> {
                body.put("type", "setParameterValues");
                ArrayNode values = body.putArray("values");
                requireArgs().forEach(a -> values.add(parseValue(a)));
                if (!key.isEmpty()) {
                    body.put("parameterKey", key);
                }
            }
            case "names" -> body.put("type", "getParameterNames").put("path", optional()).put("nextLevel", nextLevel);
            case "add-object" -> addObject(body);
            case "delete-object" -> body.put("type", "deleteObject").put("path", single("an object path")).put("parameterKey", key);
            case "reboot" -> body.put("type", "reboot").put("commandKey", key);
            case "factory-reset" -> body.put("type", "factoryReset");
            case "refresh" -> body.put("type", "refresh").put("path", optional());
            case "methods" -> body.put("type", "getRPCMethods");
            case "get-attributes" -> {
                body.put("type", "getParameterAttributes");
                ArrayNode paths = body.putArray("paths");
                requireArgs().forEach(paths::add);
            }
            case "set-attributes" -> setAttributes(body);
            case "schedule-inform" -> body.put("type", "scheduleInform").put("delaySeconds", seconds())
                    .put("commandKey", key);
            case "download" -> transfer(body.put("type", "download")).put("fileSize", fileSize)
                    .put("targetFileName", targetFileName).put("expectedSoftwareVersion", expectedVersion);
            case "upload" -> transfer(body.put("type", "upload"));
            case "queued" -> body.put("type", "getAllQueuedTransfers");
            case "cancel-transfer" -> body.put("type", "cancelTransfer").put("commandKey", single("a CommandKey"));
            default -> throw new IllegalArgumentException("unknown action '" + action + "' (get, set, names, add-object, "
                    + "delete-object, reboot, factory-reset, refresh, methods, get-attributes, set-attributes, "
                    + "schedule-inform, download, upload, queued, cancel-transfer, list, show, cancel, retry)");
        }
        if (after != null) {
            body.put("after", after);
        }
        return body;
    }

    private void setAttributes(ObjectNode body) {
        if (notification == null && accessList == null) {
            throw new IllegalArgumentException("set-attributes needs --notification, --access-list or both");
        }
        body.put("type", "setParameterAttributes");
        ArrayNode attributes = body.putArray("attributes");
        for (String path : requireArgs()) {
            ObjectNode a = attributes.addObject().put("path", path);
            if (notification != null) {
                a.put("notification", notification);
            }
            if (accessList != null) {
                ArrayNode list = a.putArray("accessList");
                accessList.stream().filter(e -> !e.isBlank()).forEach(list::add);
            }
        }
    }

    private int seconds() {
        String text = single("a delay in seconds");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("schedule-inform takes a delay in seconds, not '" + text + "'");
        }
    }

    /** FILETYPE URL and the file server's credentials, delay and CommandKey of a download or upload. */
    private ObjectNode transfer(ObjectNode body) {
        if (args.size() != 2) {
            throw new IllegalArgumentException(action + " takes FILETYPE URL, e.g. '1 Firmware Upgrade Image' "
                    + "https://files.example.net/fw.bin");
        }
        body.put("fileType", args.get(0)).put("url", args.get(1)).put("username", fileUser)
                .put("password", filePassword).put("delaySeconds", delaySeconds);
        return key.isEmpty() ? body : body.put("commandKey", key);
    }

    private List<String> requireArgs() {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(action + " needs at least one parameter");
        }
        return args;
    }

    private String single(String what) {
        if (args.size() != 1) {
            throw new IllegalArgumentException(action + " takes " + what + ", exactly one");
        }
        return args.get(0);
    }

    private String optional() {
        if (args.size() > 1) {
            throw new IllegalArgumentException(action + " takes at most one path");
        }
        return args.isEmpty() ? "" : args.get(0);
    }

    /** {@code Device.X.Y=value} (typed by the ACS from the stored parameter) or {@code Device.X.Y=value:xsd:unsignedInt}. */
    /** AddObject of the first argument; the others, if any, are values named relative to the new instance. */
    private void addObject(ObjectNode body) {
        List<String> given = requireArgs();
        body.put("type", "addObject").put("path", given.get(0)).put("parameterKey", key);
        if (given.size() > 1) {
            ArrayNode values = body.putArray("values");
            given.subList(1, given.size()).forEach(a -> values.add(parseValue(a)));
        }
    }

    static ObjectNode parseValue(String arg) {
        int eq = arg.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("set takes PATH=VALUE[:TYPE], not '" + arg + "'");
        }
        ObjectNode value = JsonNodeFactory.instance.objectNode().put("path", arg.substring(0, eq));
        String rest = arg.substring(eq + 1);
        int typeAt = rest.lastIndexOf(":xsd:");
        if (typeAt >= 0) {
            return value.put("value", rest.substring(0, typeAt)).put("type", rest.substring(typeAt + 1));
        }
        return value.put("value", rest);
    }
}
