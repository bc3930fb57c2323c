package io.lodestar.acs.codec;

/**
 * Keeps encoded text well-formed. XML 1.0 cannot carry most C0 control characters, U+FFFE/U+FFFF or lone
 * surrogates even as character references, and a CPE value read from a device can contain them; writing
 * them raw would make the whole envelope unparseable for the peer. They are replaced by U+FFFD instead.
 */
final class XmlChars {

    static final char REPLACEMENT = '\uFFFD';

    private XmlChars() {}

    /** Whether {@code s} has a character that XML 1.0 cannot represent. */
    static boolean needsCleaning(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char ch = s.charAt(i);
            if (ch < 0x20) {
                if (ch != '\t' && ch != '\n' && ch != '\r') {
                    return true;
                }
            } else if (ch >= 0xD800) {
                if (ch == 0xFFFE || ch == 0xFFFF) {
                    return true;
                }
                if (Character.isHighSurrogate(ch)) {
                    if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        return true;
                    }
                    i++;
                } else if (Character.isLowSurrogate(ch)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code s} with every character XML 1.0 cannot represent replaced by U+FFFD. */
    static String clean(String s) {
        if (!needsCleaning(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0, n = s.length(); i < n; i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' || ch == 0xFFFE || ch == 0xFFFF) {
                b.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(ch).append(s.charAt(++i));
            } else if (Character.isSurrogate(ch)) {
                b.append(REPLACEMENT);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
