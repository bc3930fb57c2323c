package io.lodestar.acs.server.cli.client;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Percent-encoding of path segments and query values (RFC 3986: everything but the unreserved characters). */
public final class UriText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriText() {}

    /**
     * One encoded path segment or query value. A device id such as {@code 0CD0F8-CP%2D8851-SIM1} keeps its
     * {@code %} as {@code %25}, so the API receives the id exactly as typed.
     */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** {@code ?a=1&b=2} from the entries whose value is not null (empty when none is), in the given order. */
    public static String query(Map<String, ?> parameters) {
        StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null) {
                joiner.add(encode(name) + "=" + encode(String.valueOf(value)));
            }
        });
        return joiner.toString();
    }

    /** A query from alternating names and values, for short literal lists. */
    public static String query(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            map.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return query(map);
    }
}
