package io.lodestar.acs.api.resources;

import io.lodestar.acs.api.json.Views;

import java.util.ArrayList;
import java.util.List;

/** Devices as CSV (RFC 4180): a header row, then one row per device, tags joined by ';'. */
final class Csv {

    private Csv() {}

    static String devices(List<Views.DeviceSummary> items, List<String> parameterPrefixes) {
        List<String> columns = new ArrayList<>(List.of("id", "manufacturer", "oui", "productClass", "serialNumber",
                "softwareVersion", "hardwareVersion", "lastInform", "registeredAt", "tags"));
        List<String> paramColumns = new ArrayList<>();
        for (Views.DeviceSummary d : items) {
            if (d.parameters() != null) {
                d.parameters().keySet().stream().filter(k -> !paramColumns.contains(k)).forEach(paramColumns::add);
            }
        }
        if (paramColumns.isEmpty()) {
            paramColumns.addAll(parameterPrefixes);
        }
        columns.addAll(paramColumns);
        StringBuilder out = new StringBuilder();
        row(out, columns);
        for (Views.DeviceSummary d : items) {
            List<String> cells = new ArrayList<>(List.of(d.id(), s(d.manufacturer()), s(d.oui()), s(d.productClass()),
                    s(d.serialNumber()), s(d.softwareVersion()), s(d.hardwareVersion()),
                    d.lastInform() == null ? "" : d.lastInform().toString(),
                    d.registeredAt() == null ? "" : d.registeredAt().toString(), String.join(";", d.tags())));
            for (String p : paramColumns) {
                cells.add(d.parameters() == null ? "" : s(d.parameters().get(p)));
            }
            row(out, cells);
        }
        return out.toString();
    }

    private static String s(String v) {
        return v == null ? "" : v;
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells.get(i);
            // a cell a spreadsheet would run as a formula is quoted with a leading apostrophe
            if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0) {
                c = "'" + c;
            }
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        out.append("\r\n");
    }
}
