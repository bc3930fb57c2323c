package io.lodestar.acs.httpauth;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code key=value, key="quoted, value"} parameters of a {@code WWW-Authenticate} challenge or an
 * {@code Authorization} header (RFC 9110 section 11.2: auth-params), keys lower-cased.
 */
public final class AuthParams {

    /** A header longer than this is no credential any CPE or ACS sends; refusing it bounds the parse. */
    public static final int MAX_LENGTH = 4096;

    private AuthParams() {
    }

    /**
     * @throws IllegalArgumentException when the text is longer than {@link #MAX_LENGTH}
     */
    public static Map<String, String> parse(String s) {
        if (s.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("authentication parameters longer than " + MAX_LENGTH + " characters");
        }
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < n && s.charAt(i) != ',') {
                    value.append(s.charAt(i++));
                }
            }
            out.put(key, value.toString().trim());
        }
        return out;
    }

    /** The scheme of a header value ({@code Digest}, {@code Basic}), lower-cased. */
    public static String schemeOf(String headerValue) {
        String c = headerValue.trim();
        int space = c.indexOf(' ');
        return (space < 0 ? c : c.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    /** The parameters after the scheme of a header value. */
    public static Map<String, String> paramsOf(String headerValue) {
        String c = headerValue.trim();
        int space = c.indexOf(' ');
        return space < 0 ? Map.of() : parse(c.substring(space + 1));
    }
}
