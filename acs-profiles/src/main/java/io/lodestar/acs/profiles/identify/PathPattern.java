package io.lodestar.acs.profiles.identify;

import io.lodestar.acs.profiles.template.Macro;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The path part of a phone's profile rule, as operators copy it from the rule: {@code /profiles/$MA.xml},
 * {@code Cisco/$MA.cfg}, {@code $PSN.xml}, {@code spa$(MAU).cfg}. Macros match what the phone would have put there,
 * and a match yields their values. A leading '/' is optional on both sides (a rule's path is relative to the
 * server's root). Only macros a phone expands from itself are allowed, each once.
 */
public final class PathPattern {

    public static final int MAX_LENGTH = 256;
    private static final Pattern MACRO = Pattern.compile("\\$(?:\\(([A-Z][A-Z0-9_]*)\\)|([A-Z][A-Z0-9_]*))");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~/-]*");
    private static final String TOKEN = "[A-Za-z0-9._-]+";
    private static final Map<Macro, String> SHAPES = Map.of(
            Macro.MA, "[0-9a-f]{12}",
            Macro.MAU, "[0-9A-F]{12}",
            Macro.MAC, "[0-9a-f]{2}(?::[0-9a-f]{2}){5}",
            Macro.SN, TOKEN,
            Macro.PN, TOKEN,
            Macro.PSN, TOKEN,
            Macro.SWVER, TOKEN,
            Macro.HWVER, TOKEN);

    private final String text;
    private final Pattern regex;
    private final Set<Macro> macros;
    private final int literalLength;

    private PathPattern(String text, Pattern regex, Set<Macro> macros, int literalLength) {
        this.text = text;
        this.regex = regex;
        this.macros = macros;
        this.literalLength = literalLength;
    }

    /** @throws IllegalArgumentException naming what is wrong with the pattern */
    public static PathPattern parse(String pattern) {
        String p = strip(pattern);
        if (p.isEmpty() || p.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a profile path has 1 to " + MAX_LENGTH + " characters");
        }
        StringBuilder regex = new StringBuilder();
        Set<Macro> seen = EnumSet.noneOf(Macro.class);
        int literal = 0;
        int last = 0;
        Matcher m = MACRO.matcher(p);
        while (m.find()) {
            literal += literal(p.substring(last, m.start()), regex, pattern);
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            Macro macro = Macro.named(name).orElseThrow(() -> new IllegalArgumentException(
                    "'$" + name + "' in profile path '" + pattern + "' is not a macro a phone expands from itself "
                            + "(use " + SHAPES.keySet().stream().map(x -> "$" + x.name()).sorted().toList() + ")"));
            if (!seen.add(macro)) {
                throw new IllegalArgumentException("$" + name + " appears twice in profile path '" + pattern + "'");
            }
            regex.append("(?<").append(macro.name()).append('>').append(SHAPES.get(macro)).append(')');
            last = m.end();
        }
        literal += literal(p.substring(last), regex, pattern);
        if (p.contains("..") || p.contains("//")) {
            throw new IllegalArgumentException("profile path '" + pattern + "' has an empty or '..' segment");
        }
        return new PathPattern(p, Pattern.compile(regex.toString()), Set.copyOf(seen), literal);
    }

    private static int literal(String part, StringBuilder regex, String pattern) {
        if (!LITERAL.matcher(part).matches()) {
            throw new IllegalArgumentException("profile path '" + pattern + "' may hold letters, digits, '. _ ~ - /' and macros only");
        }
        regex.append(Pattern.quote(part).replace("\\Q\\E", ""));
        return part.length();
    }

    /** The macro values a request path gives, or empty when it does not match (query and leading '/' ignored). */
    public Optional<Map<Macro, String>> match(String requestPath) {
        Matcher m = regex.matcher(strip(requestPath));
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<Macro, String> values = new EnumMap<>(Macro.class);
        for (Macro macro : macros) {
            values.put(macro, m.group(macro.name()));
        }
        return Optional.of(Map.copyOf(values));
    }

    /** Whether the pattern alone names a device (a MAC or serial macro), or needs the User-Agent to. */
    public boolean namesDevice() {
        return macros.contains(Macro.MA) || macros.contains(Macro.MAU) || macros.contains(Macro.MAC)
                || macros.contains(Macro.SN);
    }

    /** How much of the pattern is literal: when two patterns match, the more literal one is the more specific. */
    public int literalLength() {
        return literalLength;
    }

    public String text() {
        return "/" + text;
    }

    @Override
    public String toString() {
        return text();
    }

    private static String strip(String path) {
        String p = path == null ? "" : path.trim();
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p;
    }
}
