package io.lodestar.acs.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A StringBuilder XML writer: no intermediate objects per element, escaping done inline. Escapes
 * {@code & < >} in text and additionally {@code " \t \n \r} in attributes; a carriage return in text is
 * written as {@code &#13;} so that it survives the peer's line-end normalisation.
 */
final class TextXmlSink implements XmlSink {

    private final StringBuilder out;
    private String[] prefixes = new String[16];
    private String[] names = new String[16];
    private int depth;
    private boolean startOpen;

    TextXmlSink() {
        this(1024);
    }

    TextXmlSink(int capacity) {
        out = new StringBuilder(capacity);
        // no XML declaration: see docs/codec.md, "No XML declaration" (it is optional, says nothing UTF-8 does not
        // already mean, and breaks CPE agents that wrap the body in an element of their own before parsing it)
    }

    @Override
    public void start(String prefix, String localName) {
        closeStart();
        out.append('<');
        if (prefix != null) {
            out.append(prefix).append(':');
        }
        out.append(localName);
        if (depth == names.length) {
            prefixes = Arrays.copyOf(prefixes, depth * 2);
            names = Arrays.copyOf(names, depth * 2);
        }
        prefixes[depth] = prefix;
        names[depth++] = localName;
        startOpen = true;
    }

    @Override
    public void namespace(String prefix, String uri) {
        out.append(" xmlns:").append(prefix).append("=\"");
        escapeAttribute(uri);
        out.append('"');
    }

    @Override
    public void attribute(String prefix, String localName, String value) {
        out.append(' ');
        if (prefix != null) {
            out.append(prefix).append(':');
        }
        out.append(localName).append("=\"");
        escapeAttribute(value);
        out.append('"');
    }

    @Override
    public void text(String text) {
        closeStart();
        if (text == null) {
            return;
        }
        String s = XmlChars.clean(text);
        int from = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            String rep = switch (s.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '\r' -> "&#13;";
                default -> null;
            };
            if (rep != null) {
                out.append(s, from, i).append(rep);
                from = i + 1;
            }
        }
        out.append(s, from, s.length());
    }

    private void escapeAttribute(String value) {
        String s = XmlChars.clean(value);
        for (int i = 0, n = s.length(); i < n; i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\t' -> out.append("&#9;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                default -> out.append(ch);
            }
        }
    }

    private void closeStart() {
        if (startOpen) {
            out.append('>');
            startOpen = false;
        }
    }

    @Override
    public void end() {
        depth--;
        if (startOpen) {
            out.append("/>");
            startOpen = false;
            return;
        }
        out.append("</");
        if (prefixes[depth] != null) {
            out.append(prefixes[depth]).append(':');
        }
        out.append(names[depth]).append('>');
    }

    @Override
    public byte[] finish() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " elements left open");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
