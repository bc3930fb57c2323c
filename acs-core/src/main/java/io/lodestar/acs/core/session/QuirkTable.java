package io.lodestar.acs.core.session;

import io.lodestar.acs.core.rpc.DeviceIdStruct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Known CPE deviations as data: entries matched by OUI, product class and software version (each a glob,
 * {@code *} and {@code ?}, case-sensitive; absent matches anything), each naming {@link DeviceQuirks}. Every
 * entry that matches applies, in table order, a later one's fields winning. Parsed from a properties-style
 * text (the shipped {@code quirks.properties} resource, and an operator's file over it):
 *
 * <pre>
 * quirk.&lt;name&gt;.oui = 00147F
 * quirk.&lt;name&gt;.product-class = SpeedTouch*
 * quirk.&lt;name&gt;.software-version = 6.2.*
 * quirk.&lt;name&gt;.discovery = level-by-level
 * quirk.&lt;name&gt;.values-per-request = 16
 * quirk.&lt;name&gt;.writable-flags = unreliable
 * quirk.&lt;name&gt;.parameter-key-echo = false
 * quirk.&lt;name&gt;.cookies = false
 * </pre>
 *
 * Parsing is strict: an unknown key or value is an error naming its line, so a typo never silently disables a
 * workaround. (Pure: the caller reads the files.)
 */
public final class QuirkTable {

    public static final QuirkTable EMPTY = new QuirkTable(List.of());

    /** One entry: its name, its match and what it changes. */
    public record Entry(String name, String oui, String productClass, String softwareVersion, DeviceQuirks quirks) {

        boolean matches(DeviceIdStruct id, String softwareVersion) {
            return glob(oui, id == null ? null : id.oui()) && glob(productClass, id == null ? null : id.productClass())
                    && glob(this.softwareVersion, softwareVersion);
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final List<String> KEYS = List.of("oui", "product-class", "software-version", "discovery",
            "values-per-request", "writable-flags", "parameter-key-echo", "cookies");

    private final List<Entry> entries;

    private QuirkTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The quirks of a device: every matching entry's, merged in table order. */
    public DeviceQuirks match(DeviceIdStruct id, String softwareVersion) {
        DeviceQuirks merged = DeviceQuirks.NONE;
        for (Entry e : entries) {
            if (e.matches(id, softwareVersion)) {
                merged = merged.overriddenBy(e.quirks());
            }
        }
        return merged;
    }

    /** This table with {@code over}'s entries: one of the same name replaces this one's, new names come last. */
    public QuirkTable overriddenBy(QuirkTable over) {
        Map<String, Entry> byName = new LinkedHashMap<>();
        entries.forEach(e -> byName.put(e.name(), e));
        over.entries.forEach(e -> byName.put(e.name(), e));
        return new QuirkTable(new ArrayList<>(byName.values()));
    }

    /**
     * Parses the properties-style text described above: {@code key = value} or {@code key: value} lines,
     * {@code #} and {@code !} comments, blank lines; no line continuations.
     *
     * @param source named in errors (a file name)
     * @throws IllegalArgumentException naming the source and line of the first problem
     */
    public static QuirkTable parse(String text, String source) {
        Map<String, Map<String, String>> fields = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int sep = firstSeparator(line);
            if (sep < 0) {
                throw error(source, i + 1, "expected 'quirk.<name>.<key> = <value>'");
            }
            String key = line.substring(0, sep).strip();
            String value = line.substring(sep + 1).strip();
            String[] parts = key.split("\\.", -1);
            if (parts.length != 3 || !parts[0].equals("quirk") || !NAME.matcher(parts[1]).matches()) {
                throw error(source, i + 1, "expected a key 'quirk.<name>.<key>', not '" + key + "'");
            }
            if (!KEYS.contains(parts[2])) {
                throw error(source, i + 1, "unknown key '" + parts[2] + "' (known: " + String.join(", ", KEYS) + ")");
            }
            firstLine.putIfAbsent(parts[1], i + 1);
            Map<String, String> entry = fields.computeIfAbsent(parts[1], k -> new LinkedHashMap<>());
            if (entry.put(parts[2], value) != null) {
                throw error(source, i + 1, "'" + key + "' is given twice");
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : fields.entrySet()) {
            entries.add(entry(e.getKey(), e.getValue(), source, firstLine.get(e.getKey())));
        }
        return new QuirkTable(entries);
    }

    private static Entry entry(String name, Map<String, String> f, String source, int line) {
        DiscoveryMode discovery = null;
        if (f.containsKey("discovery")) {
            String v = f.get("discovery").toLowerCase(Locale.ROOT);
            discovery = switch (v) {
                case "level-by-level" -> DiscoveryMode.LEVEL_BY_LEVEL;
                case "full-tree" -> DiscoveryMode.FULL_TREE;
                default -> throw error(source, line, "quirk " + name + ": discovery is level-by-level or full-tree, not '"
                        + f.get("discovery") + "'");
            };
        }
        Integer perRequest = null;
        if (f.containsKey("values-per-request")) {
            try {
                perRequest = Integer.parseInt(f.get("values-per-request"));
            } catch (NumberFormatException e) {
                perRequest = -1;
            }
            if (perRequest < 1 || perRequest > 10_000) {
                throw error(source, line, "quirk " + name + ": values-per-request is a number from 1 to 10000");
            }
        }
        boolean unreliable = choice(f, "writable-flags", "unreliable", "reliable", name, source, line);
        boolean noEcho = choice(f, "parameter-key-echo", "false", "true", name, source, line);
        boolean noCookies = choice(f, "cookies", "false", "true", name, source, line);
        DeviceQuirks quirks = new DeviceQuirks(discovery, perRequest, unreliable, noEcho, noCookies);
        return new Entry(name, f.get("oui"), f.get("product-class"), f.get("software-version"), quirks);
    }

    /** True for {@code quirky}, false for {@code normal} or absent. */
    private static boolean choice(Map<String, String> f, String key, String quirky, String normal, String name,
                                  String source, int line) {
        String v = f.get(key);
        if (v == null || v.equalsIgnoreCase(normal)) {
            return false;
        }
        if (v.equalsIgnoreCase(quirky)) {
            return true;
        }
        throw error(source, line, "quirk " + name + ": " + key + " is " + quirky + " or " + normal + ", not '" + v + "'");
    }

    private static int firstSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static IllegalArgumentException error(String source, int line, String message) {
        return new IllegalArgumentException(source + " line " + line + ": " + message);
    }

    /** Glob match: null or empty pattern matches anything; {@code *} any run, {@code ?} one character. */
    static boolean glob(String pattern, String value) {
        if (pattern == null || pattern.isEmpty()) {
            return true;
        }
        if (value == null) {
            return false;
        }
        return globAt(pattern, 0, value, 0);
    }

    private static boolean globAt(String p, int pi, String v, int vi) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = vi; k <= v.length(); k++) {
                    if (globAt(p, pi + 1, v, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (vi >= v.length() || (c != '?' && c != v.charAt(vi))) {
                return false;
            }
            pi++;
            vi++;
        }
        return vi == v.length();
    }
}
