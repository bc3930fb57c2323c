package io.lodestar.acs.codec;

/**
 * UTF-8 well-formedness check. The JDK parser's own UTF-8 decoder is the fastest way in, but on a
 * malformed sequence it fails the whole message and prints a "[Fatal Error]" line to stderr, which any
 * client could use to flood the log. Bodies that fail this check are decoded leniently instead (malformed
 * bytes become U+FFFD), which also lets through CPEs that put Latin-1 text into an undeclared-UTF-8 body.
 */
final class Utf8 {

    private Utf8() {}

    static boolean isWellFormed(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + n >= to) {
                return false; // truncated sequence
            }
            int cp = c & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += n + 1;
        }
        return true;
    }
}
