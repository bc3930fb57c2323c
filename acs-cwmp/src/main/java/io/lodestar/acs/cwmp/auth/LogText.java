package io.lodestar.acs.cwmp.auth;

/** Text a CPE chose, made safe for one log line: control characters escaped, length bounded. */
final class LogText {

    private static final int MAX = 200;

    private LogText() {
    }

    static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX) + 8);
        for (int i = 0; i < s.length() && sb.length() < MAX; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= MAX && s.length() > MAX) {
            sb.append("...");
        }
        return sb.toString();
    }
}
