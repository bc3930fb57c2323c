package io.lodestar.acs.sim.model;

import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads genieacs-sim's CSV data-model dumps: {@code Parameter,Object,Writable,Value,Value type}. */
final class CsvLoader {

    private CsvLoader() {}

    static DataModel load(Path csv) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = parse(text);
        if (rows.isEmpty()) {
            throw new IOException(csv + ": empty CSV");
        }
        Map<String, Integer> col = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        Integer cParam = col.get("parameter");
        Integer cObject = col.get("object");
        Integer cWritable = col.get("writable");
        Integer cValue = col.get("value");
        Integer cType = col.get("value type");
        if (cParam == null || cObject == null || cWritable == null || cValue == null || cType == null) {
            throw new IOException(csv + ": header must be Parameter,Object,Writable,Value,Value type; got " + header);
        }
        Map<String, String> deviceIdRows = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            String name = cell(row, cParam).trim();
            if (name.isEmpty()) {
                continue;
            }
            boolean object = Boolean.parseBoolean(cell(row, cObject).trim());
            boolean writable = Boolean.parseBoolean(cell(row, cWritable).trim());
            String value = cell(row, cValue);
            String type = cell(row, cType).trim();
            if (name.startsWith("DeviceID.")) {
                deviceIdRows.put(name.substring("DeviceID.".length()), value);
                continue;
            }
            if (object || name.endsWith(".")) {
                nodes.add(Node.object(name.endsWith(".") ? name : name + ".", writable));
            } else {
                nodes.add(Node.parameter(name, value, type, writable));
            }
        }
        if (nodes.isEmpty()) {
            throw new IOException(csv + ": no parameters");
        }
        String root = nodes.get(0).path().substring(0, nodes.get(0).path().indexOf('.') + 1);
        Map<String, String> byPath = new HashMap<>();
        for (Node n : nodes) {
            byPath.put(n.path(), n.value());
        }
        DeviceIdStruct id = new DeviceIdStruct(
                pick(deviceIdRows.get("Manufacturer"), byPath.get(root + "DeviceInfo.Manufacturer")),
                pick(deviceIdRows.get("OUI"), byPath.get(root + "DeviceInfo.ManufacturerOUI")),
                pick(deviceIdRows.get("ProductClass"), byPath.get(root + "DeviceInfo.ProductClass")),
                pick(deviceIdRows.get("SerialNumber"), byPath.get(root + "DeviceInfo.SerialNumber")));
        try {
            return DataModel.of(id, CwmpVersion.V1_0, false, nodes);
        } catch (IllegalArgumentException e) {
            throw new IOException(csv + ": " + e.getMessage(), e);
        }
    }

    private static String pick(String preferred, String fallback) {
        return preferred != null && !preferred.isBlank() ? preferred : fallback;
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() ? row.get(i) : "";
    }

    /** RFC 4180: quoted fields may hold commas, line breaks and doubled quotes; CRLF or LF line ends. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    row.add(field.toString());
                    field.setLength(0);
                    any = true;
                }
                case '\r' -> {
                    // part of CRLF; a lone CR is dropped too
                }
                case '\n' -> {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    any = false;
                }
                default -> {
                    field.append(c);
                    any = true;
                }
            }
        }
        if (any || field.length() > 0) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
