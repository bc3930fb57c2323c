package io.lodestar.acs.cwmp.http;

/**
 * Makes a value from the network safe to write into a log line: control characters (CR and LF above all,
 * which would let a CPE forge log lines) become visible escapes, and very long values are cut.
 */
public final class LogSafe {

    static final int MAX_LENGTH = 512;

    private LogSafe() {}

    public static String text(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LENGTH) + 16);
        int end = Math.min(value.length(), MAX_LENGTH);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (value.length() > MAX_LENGTH) {
            out.append("...(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
