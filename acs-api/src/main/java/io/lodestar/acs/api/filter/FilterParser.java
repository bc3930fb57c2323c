package io.lodestar.acs.api.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the device filter language, a small recursive-descent parser:
 * <pre>
 * filter     := comparison ( AND comparison )*
 * comparison := field op value
 * field      := name ( '.' name )*            e.g. productClass, tag, Device.DeviceInfo.SerialNumber
 * op         := = | != | &lt; | &lt;= | &gt; | &gt;=
 * value      := "double-quoted string" (\" and \\ escaped) | number | now | now-&lt;N&gt;&lt;s|m|h|d&gt;
 * </pre>
 * AND is case-insensitive. OR, NOT and parentheses are refused with their position (not supported yet).
 */
public final class FilterParser {

    public static final int MAX_LENGTH = 4096;

    private final String text;
    private int pos;

    private FilterParser(String text) {
        this.text = text;
    }

    /** @throws FilterException naming the position of the first error */
    public static List<Comparison> parse(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        if (text.length() > MAX_LENGTH) {
            throw new FilterException("a filter has at most " + MAX_LENGTH + " characters", MAX_LENGTH, true);
        }
        return new FilterParser(text).filter();
    }

    private List<Comparison> filter() {
        List<Comparison> out = new ArrayList<>();
        out.add(comparison());
        skipSpace();
        while (pos < text.length()) {
            int at = pos;
            String word = word();
            if (word.equalsIgnoreCase("AND")) {
                out.add(comparison());
                skipSpace();
            } else if (word.equalsIgnoreCase("OR") || word.equalsIgnoreCase("NOT")) {
                throw syntax(word.toUpperCase() + " is not supported yet: join comparisons with AND", at);
            } else {
                throw syntax("expected AND or the end of the filter", at);
            }
        }
        return out;
    }

    private Comparison comparison() {
        skipSpace();
        int start = pos;
        if (pos < text.length() && (text.charAt(pos) == '(' || text.charAt(pos) == ')')) {
            throw syntax("parentheses are not supported yet: join comparisons with AND", pos);
        }
        String field = field();
        skipSpace();
        int opAt = pos;
        Comparison.Op op = op();
        if (op == null) {
            throw syntax("expected an operator (=, !=, <, <=, >, >=) after '" + field + "'", opAt);
        }
        skipSpace();
        int valueAt = pos;
        if (pos >= text.length()) {
            throw syntax("expected a value after '" + op.symbol + "'", pos);
        }
        char c = text.charAt(pos);
        if (c == '"') {
            return new Comparison(field, op, quoted(), false, start, valueAt);
        }
        if (Character.isDigit(c) || c == '-') {
            int s = pos;
            pos++;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            return new Comparison(field, op, text.substring(s, pos), false, start, valueAt);
        }
        String word = word();
        if (word.equals("now")) {
            if (pos < text.length() && text.charAt(pos) == '-') {
                int s = pos;
                pos++;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                if (pos == s + 1 || pos >= text.length() || "smhd".indexOf(text.charAt(pos)) < 0) {
                    throw syntax("a relative time is now-<number><s|m|h|d>, e.g. now-30m", s);
                }
                pos++;
                return new Comparison(field, op, text.substring(s + 1, pos), true, start, valueAt);
            }
            return new Comparison(field, op, "0s", true, start, valueAt);
        }
        throw syntax("expected a value: a \"quoted string\", a number or now-<N><s|m|h|d>", valueAt);
    }

    private String field() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == ':') {
                pos++;
            } else {
                break;
            }
        }
        if (pos == start) {
            throw syntax("expected a field (e.g. productClass, tag, lastInform or a parameter path)", start);
        }
        return text.substring(start, pos);
    }

    private Comparison.Op op() {
        if (pos >= text.length()) {
            return null;
        }
        String two = pos + 1 < text.length() ? text.substring(pos, pos + 2) : "";
        for (Comparison.Op op : new Comparison.Op[] {Comparison.Op.NE, Comparison.Op.LE, Comparison.Op.GE}) {
            if (two.equals(op.symbol)) {
                pos += 2;
                return op;
            }
        }
        switch (text.charAt(pos)) {
            case '=' -> {
                pos++;
                if (pos < text.length() && text.charAt(pos) == '=') {
                    pos++; // == reads as =
                }
                return Comparison.Op.EQ;
            }
            case '<' -> {
                pos++;
                return Comparison.Op.LT;
            }
            case '>' -> {
                pos++;
                return Comparison.Op.GT;
            }
            default -> {
                return null;
            }
        }
    }

    private String quoted() {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (pos >= text.length() || (text.charAt(pos) != '"' && text.charAt(pos) != '\\')) {
                    throw syntax("only \\\" and \\\\ are escapes in a string", pos - 1);
                }
                c = text.charAt(pos++);
            }
            out.append(c);
        }
        throw syntax("string not closed: a '\"' is missing", start);
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw syntax("unexpected '" + text.charAt(pos) + "'", pos);
        }
        return text.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static FilterException syntax(String message, int position) {
        return new FilterException(message + " (at position " + position + ")", position, true);
    }
}
