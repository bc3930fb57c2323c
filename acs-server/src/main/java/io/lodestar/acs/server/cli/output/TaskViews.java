package io.lodestar.acs.server.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tasks as the API describes them, as readable text: a heading line, then what the task does or did, each
 * value as {@code path = value (type)}, and its fault if it has one.
 */
public final class TaskViews {

    private TaskViews() {}

    /** A line per task. */
    public static Table list(JsonNode items) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode t : items) {
            rows.add(List.of(JsonText.text(t.path("id")), JsonText.text(t.path("type")), JsonText.text(t.path("status")),
                    JsonText.text(t.path("createdAt")), JsonText.text(t.path("attempts")), fault(t)));
        }
        return new Table(List.of("ID", "TYPE", "STATUS", "CREATED", "ATTEMPTS", "FAULT"), rows);
    }

    /** One task as lines of text (what {@code --format table} prints). */
    public static String text(JsonNode task) {
        StringBuilder out = new StringBuilder();
        out.append("task ").append(JsonText.text(task.path("id"))).append(' ').append(JsonText.text(task.path("type")))
                .append(" for ").append(JsonText.text(task.path("deviceId"))).append(": ")
                .append(JsonText.text(task.path("status")));
        List<String> facts = new ArrayList<>();
        if (task.hasNonNull("attempts")) {
            facts.add("attempts " + JsonText.text(task.path("attempts")));
        }
        if (task.hasNonNull("createdAt")) {
            facts.add("created " + JsonText.text(task.path("createdAt")));
        }
        if (!facts.isEmpty()) {
            out.append(" (").append(String.join(", ", facts)).append(')');
        }
        out.append('\n');
        JsonNode result = task.path("result");
        if (result.isObject() && !result.isEmpty()) {
            resultLines(result).forEach(l -> out.append("  ").append(l).append('\n'));
        } else {
            actionLines(task.path("action")).forEach(l -> out.append("  ").append(l).append('\n'));
        }
        String fault = fault(task);
        if (!fault.isEmpty()) {
            out.append("  fault ").append(fault).append('\n');
        }
        return out.toString();
    }

    /** One task as CSV: the values of its result (or of its action) as path, value, type; else its fields. */
    public static Table table(JsonNode task) {
        JsonNode values = task.path("result").path("values");
        if (!values.isArray()) {
            values = task.path("action").path("values");
        }
        List<List<String>> rows = new ArrayList<>();
        if (values.isArray() && !values.isEmpty()) {
            for (JsonNode v : values) {
                rows.add(List.of(JsonText.text(v.path("path")), JsonText.text(v.path("value")), JsonText.text(v.path("type"))));
            }
            return new Table(List.of("path", "value", "type"), rows);
        }
        for (Map.Entry<String, String> e : JsonText.flatten(task).entrySet()) {
            rows.add(List.of(e.getKey(), e.getValue()));
        }
        return new Table(List.of("field", "value"), rows);
    }

    private static List<String> resultLines(JsonNode result) {
        List<String> lines = new ArrayList<>();
        JsonNode values = result.path("values");
        if (values.isArray()) {
            values.forEach(v -> lines.add(valueLine(v)));
        }
        JsonNode names = result.path("names");
        if (names.isArray()) {
            names.forEach(n -> lines.add(JsonText.text(n.path("path"))
                    + (n.path("writable").asBoolean() ? " (writable)" : " (read-only)")));
        }
        if (result.hasNonNull("instanceNumber")) {
            lines.add("instance number " + JsonText.text(result.path("instanceNumber")));
        }
        JsonText.flatten(result).forEach((key, value) -> {
            if (key.equals("status")) {
                lines.add(deviceStatus(value));
            } else if (!key.startsWith("values") && !key.startsWith("names") && !key.equals("instanceNumber")) {
                lines.add(key + " = " + value);
            }
        });
        return lines;
    }

    /** The Status of a CWMP response: 0 applied, 1 applied once the device commits them (e.g. at a reboot). */
    private static String deviceStatus(String status) {
        return switch (status) {
            case "0" -> "device status 0 (applied)";
            case "1" -> "device status 1 (applied once the device reboots or commits)";
            default -> "device status " + status;
        };
    }

    private static List<String> actionLines(JsonNode action) {
        List<String> lines = new ArrayList<>();
        if (action.path("values").isArray()) {
            action.path("values").forEach(v -> lines.add("set " + valueLine(v)));
        }
        if (action.path("paths").isArray()) {
            action.path("paths").forEach(p -> lines.add("get " + JsonText.text(p)));
        }
        JsonText.flatten(action).forEach((key, value) -> {
            if (!key.startsWith("values") && !key.startsWith("paths") && !key.equals("type") && !value.isEmpty()) {
                lines.add(key + " " + value);
            }
        });
        return lines;
    }

    private static String valueLine(JsonNode v) {
        String type = JsonText.text(v.path("type"));
        return JsonText.text(v.path("path")) + " = " + JsonText.text(v.path("value")) + (type.isEmpty() ? "" : " (" + type + ")");
    }

    private static String fault(JsonNode task) {
        JsonNode fault = task.path("fault");
        if (!fault.isObject()) {
            return "";
        }
        return (JsonText.text(fault.path("code")) + " " + JsonText.text(fault.path("message"))).strip();
    }
}
