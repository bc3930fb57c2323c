package io.lodestar.acs.profiles.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses template text into {@link Segment}s. The syntax:
 * <ul>
 *   <li>{@code {{value:NAME}}}: an operators' value (NAME: letters, digits, {@code . _ -}, at most 128);</li>
 *   <li>{@code {{param:PATH}}}: a device parameter by full path;</li>
 *   <li>{@code $NAME}, {@code $(NAME)}, {@code $(NAME:p)}, {@code $(NAME:p:q)}: a Cisco macro ({@link Macro});
 *       an unknown name stays as written, for the phone to expand;</li>
 *   <li>{@code $$}: a literal {@code $} (so {@code $$MA} reaches the phone as {@code $MA}).</li>
 * </ul>
 * An unknown or unclosed {@code {{...}}} is a syntax error: a typo must not reach a phone as literal text.
 */
public final class TemplateParser {

    /** Bounds the parse; a phone profile is a few tens of kilobytes. */
    public static final int MAX_TEMPLATE_LENGTH = 1 << 20;
    public static final Pattern VALUE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    static final Pattern PARAM_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern MACRO_ARGS = Pattern.compile("([A-Z][A-Z0-9_]*)(?::(\\d{1,6}))?(?::(\\d{1,6}))?");

    private TemplateParser() {
    }

    public static List<Segment> parse(String text) {
        if (text.length() > MAX_TEMPLATE_LENGTH) {
            throw new TemplateSyntaxException("a template has at most " + MAX_TEMPLATE_LENGTH + " characters");
        }
        List<Segment> out = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '{' && text.startsWith("{{", i)) {
                int close = text.indexOf("}}", i + 2);
                if (close < 0) {
                    throw error(text, i, "'{{' without '}}'");
                }
                flush(literal, out);
                out.add(placeholder(text, i, text.substring(i + 2, close).trim()));
                i = close + 2;
            } else if (c == '$' && i + 1 < n) {
                i = dollar(text, i, literal, out);
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(literal, out);
        return List.copyOf(out);
    }

    private static Segment placeholder(String text, int at, String inner) {
        int colon = inner.indexOf(':');
        String kind = colon < 0 ? inner : inner.substring(0, colon).trim();
        String name = colon < 0 ? "" : inner.substring(colon + 1).trim();
        switch (kind) {
            case "value":
                if (!VALUE_NAME.matcher(name).matches()) {
                    throw error(text, at, "'" + name + "' is not a value name (letters, digits, . _ -; at most 128)");
                }
                return new Segment.Value(name);
            case "param":
                if (!PARAM_PATH.matcher(name).matches()) {
                    throw error(text, at, "'" + name + "' is not a full parameter path");
                }
                return new Segment.Param(name);
            default:
                throw error(text, at, "unknown placeholder '{{" + inner + "}}' (use {{value:NAME}} or {{param:PATH}})");
        }
    }

    /** Handles the text from a '$' and returns where to continue. */
    private static int dollar(String text, int at, StringBuilder literal, List<Segment> out) {
        char next = text.charAt(at + 1);
        if (next == '$') {
            literal.append('$');
            return at + 2;
        }
        if (next == '(') {
            int close = text.indexOf(')', at + 2);
            Matcher m = close < 0 ? null : MACRO_ARGS.matcher(text.substring(at + 2, close));
            Optional<Macro> macro = m != null && m.matches() ? Macro.named(m.group(1)) : Optional.empty();
            if (macro.isEmpty()) {
                literal.append("$(");
                return at + 2;
            }
            flush(literal, out);
            int offset = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            int length = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
            out.add(new Segment.MacroRef(macro.get(), offset, length));
            return close + 1;
        }
        int end = at + 1;
        while (end < text.length() && isNameChar(text.charAt(end))) {
            end++;
        }
        Optional<Macro> macro = Macro.named(text.substring(at + 1, end));
        if (macro.isEmpty()) {
            literal.append(text, at, end);
            return end;
        }
        flush(literal, out);
        out.add(new Segment.MacroRef(macro.get(), 0, -1));
        return end;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static void flush(StringBuilder literal, List<Segment> out) {
        if (!literal.isEmpty()) {
            out.add(new Segment.Text(literal.toString()));
            literal.setLength(0);
        }
    }

    private static TemplateSyntaxException error(String text, int at, String what) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new TemplateSyntaxException("line " + line + ", column " + column + ": " + what);
    }
}
