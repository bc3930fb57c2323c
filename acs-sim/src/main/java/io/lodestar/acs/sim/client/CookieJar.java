package io.lodestar.acs.sim.client;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cookies of one CWMP session: everything the ACS set with {@code Set-Cookie}, sent back on every later
 * request as one {@code Cookie} header. Lenient like real CPEs: RFC 6265, RFC 2109/2965 style attributes
 * ({@code Version}, {@code $Version}, {@code $Path}, ...), several cookies folded into one header with commas,
 * quoted values (sent back as received). Domain and Path are not matched: a session talks to one ACS URL.
 * A cookie set with {@code Max-Age=0} or an Expires date in the past is removed.
 */
final class CookieJar {

    private static final Set<String> ATTRIBUTES = Set.of("version", "path", "domain", "expires", "max-age", "secure",
            "httponly", "comment", "commenturl", "discard", "port", "samesite", "priority", "partitioned");
    /** A comma that starts another cookie (not the one inside an Expires date). */
    private static final Pattern COOKIE_SEPARATOR = Pattern.compile(",(?=\\s*[^\\s=;,]+\\s*=)");

    private static final DateTimeFormatter NETSCAPE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss zzz", Locale.US);

    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Takes the values of every {@code Set-Cookie} (and {@code Set-Cookie2}) header of one response. */
    void store(List<String> setCookieHeaders) {
        for (String header : setCookieHeaders) {
            for (String one : COOKIE_SEPARATOR.split(header)) {
                storeOne(one);
            }
        }
    }

    private void storeOne(String text) {
        String name = null;
        String value = null;
        boolean expired = false;
        for (String segment : text.split(";")) {
            int eq = segment.indexOf('=');
            String key = (eq < 0 ? segment : segment.substring(0, eq)).trim();
            String val = eq < 0 ? "" : segment.substring(eq + 1).trim();
            if (key.isEmpty()) {
                continue;
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (key.startsWith("$") || ATTRIBUTES.contains(lower)) {
                // an attribute, wherever it stands (RFC 2109 servers may put Version first)
                expired |= lower.equals("max-age") && isNonPositive(val);
                expired |= lower.equals("expires") && isPast(val);
                continue;
            }
            if (name == null && eq >= 0) {
                name = key;
                value = val;
            }
        }
        if (name == null) {
            return;
        }
        if (expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private static boolean isNonPositive(String v) {
        try {
            return Long.parseLong(v.replace("\"", "").trim()) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** RFC 1123 dates, or the old Netscape form with dashes ({@code Wed, 09-Jun-2021 10:18:14 GMT}). */
    private static boolean isPast(String v) {
        String date = v.replace("\"", "").trim().replace('-', ' ');
        try {
            return ZonedDateTime.parse(date, NETSCAPE).toInstant().isBefore(Instant.now());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The {@code Cookie} header value, or null when the jar is empty. */
    String header() {
        if (cookies.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : cookies.entrySet()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    void clear() {
        cookies.clear();
    }
}
