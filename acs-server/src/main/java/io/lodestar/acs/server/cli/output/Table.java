package io.lodestar.acs.server.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rows under a header, printed either as aligned columns (for people) or as RFC 4180 CSV (for programs).
 *
 * @param headers the column names
 * @param rows    the rows, each as long as the header (missing cells print empty)
 */
public record Table(List<String> headers, List<List<String>> rows) {

    private static final String GAP = "  ";

    public Table {
        headers = List.copyOf(headers);
        rows = rows.stream().map(r -> r.stream().map(c -> c == null ? "" : c).toList()).toList();
    }

    /** Aligned columns, a header line first; a cell's control characters are shown escaped, so a row stays one line. */
    public String text() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(headers);
        rows.forEach(r -> lines.add(r.stream().map(Table::oneLine).toList()));
        int[] widths = new int[headers.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < widths.length && i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = i < line.size() ? line.get(i) : "";
                row.append(cell);
                if (i < widths.length - 1) {
                    row.append(" ".repeat(widths[i] - cell.length())).append(GAP);
                }
            }
            out.append(row.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** CSV: a header row, then one row per line; a field with a comma, quote, line break or edge space is quoted. */
    public String csv() {
        StringBuilder out = new StringBuilder();
        out.append(csvLine(headers));
        rows.forEach(r -> out.append(csvLine(r)));
        return out.toString();
    }

    private String csvLine(List<String> cells) {
        List<String> padded = new ArrayList<>(cells);
        while (padded.size() < headers.size()) {
            padded.add("");
        }
        return padded.stream().map(Table::csvField).collect(Collectors.joining(",")) + "\n";
    }

    static String csvField(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0 || !value.equals(value.strip());
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static String oneLine(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
