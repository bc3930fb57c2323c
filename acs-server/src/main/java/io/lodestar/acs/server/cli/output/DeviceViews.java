package io.lodestar.acs.server.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Devices as the API describes them (DeviceSummary, parameters), as tables. */
public final class DeviceViews {

    private static final List<String> CSV_FIELDS = List.of("id", "manufacturer", "oui", "productClass", "serialNumber",
            "softwareVersion", "hardwareVersion", "lastInform", "registeredAt", "tags");

    private DeviceViews() {}

    /** A line per device, the projected parameters as more columns; short for reading. */
    public static Table list(List<JsonNode> devices, List<String> parameters) {
        List<String> headers = new ArrayList<>(List.of("ID", "PRODUCT CLASS", "SOFTWARE", "LAST INFORM", "TAGS"));
        headers.addAll(parameters);
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode d : devices) {
            List<String> row = new ArrayList<>(List.of(JsonText.text(d.path("id")), JsonText.text(d.path("productClass")),
                    JsonText.text(d.path("softwareVersion")), JsonText.text(d.path("lastInform")),
                    JsonText.text(d.path("tags"))));
            parameters.forEach(p -> row.add(JsonText.text(d.path("parameters").path(p))));
            rows.add(row);
        }
        return new Table(headers, rows);
    }

    /** Every summary field of each device, the projected parameters as more columns: for export. */
    public static Table export(List<JsonNode> devices, List<String> parameters) {
        List<String> headers = new ArrayList<>(CSV_FIELDS);
        headers.addAll(parameters);
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode d : devices) {
            List<String> row = new ArrayList<>();
            CSV_FIELDS.forEach(f -> row.add(JsonText.text(d.path(f))));
            parameters.forEach(p -> row.add(JsonText.text(d.path("parameters").path(p))));
            rows.add(row);
        }
        return new Table(headers, rows);
    }

    /** One device, field by field ({@code reachability.remoteAddress}, {@code recentFaults[0].code}, ...). */
    public static Table details(JsonNode device) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : JsonText.flatten(device).entrySet()) {
            rows.add(List.of(e.getKey(), e.getValue()));
        }
        return new Table(List.of("FIELD", "VALUE"), rows);
    }

    /** A device's parameters: path, value, type, whether writable, when last updated. */
    public static Table parameters(JsonNode items) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode p : items) {
            rows.add(List.of(JsonText.text(p.path("path")), JsonText.text(p.path("value")), JsonText.text(p.path("type")),
                    JsonText.text(p.path("writable")), JsonText.text(p.path("updatedAt"))));
        }
        return new Table(List.of("PATH", "VALUE", "TYPE", "WRITABLE", "UPDATED"), rows);
    }
}
