package io.lodestar.acs.codec;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.io.Stax2ByteArraySource;

/**
 * Opens HTTP bodies as StAX readers with a parser that cannot be turned against the ACS.
 *
 * <p>The parser is Woodstox ({@link WstxInputFactory}), built by name rather than looked up, so that another XML
 * library arriving on the classpath cannot silently replace the hardened one. Why Woodstox and not the JDK's own
 * StAX parser: it decodes a periodic Inform in about half the time and allocates less (docs/codec.md, "The
 * parser"), and a reader may be closed in the middle of a document without keeping anything: the JDK's reused
 * readers kept the entity of every document closed mid-way (8 KB per message per thread, for good), which the
 * codec had to work around by reading every message to its end.
 *
 * <p>Why each setting: DTD support off and external entities off, so that neither entity expansion
 * (billion laughs) nor external entities (XXE, file disclosure, SSRF) can happen; a resolver that refuses
 * everything, as a second lock; Woodstox's own bounds (attributes per element, attribute size, depth) as a
 * third. Any DOCTYPE that still reaches the reader is rejected by {@link XmlCursor}, which
 * also enforces {@link CodecLimits} on every event. The factory is configured once and is thread-safe; each
 * reader is cheap (Woodstox recycles its buffers per thread), so there is no reader reuse to manage.
 *
 * <p>Why the byte fiddling: CPEs send leading blank lines or a BOM before {@code <?xml ...?>}, which a
 * conforming parser rejects (an XML declaration must start the document); they are stripped. The charset is the
 * XML declaration's if it names one, else the HTTP Content-Type's, else UTF-8. Malformed UTF-8 is decoded with
 * replacement characters rather than rejected ({@link Utf8} says why).
 */
final class HardenedXmlInput {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** More attributes than any CWMP element carries (namespace declarations included), far below Woodstox's 1,000. */
    static final int MAX_ATTRIBUTES_PER_ELEMENT = 64;

    private final XMLInputFactory2 factory = newFactory();

    private static XMLInputFactory2 newFactory() {
        WstxInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, MAX_ATTRIBUTES_PER_ELEMENT);
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        // errors reach the caller as exceptions; nothing is printed on the side
        f.setXMLReporter((message, errorType, info, location) -> { });
        return f;
    }

    /**
     * A reader over the body, positioned at START_DOCUMENT.
     *
     * @throws MalformedMessageException when nothing but whitespace is left
     */
    XMLStreamReader open(byte[] body, String httpCharset) throws XMLStreamException, MalformedMessageException {
        if (body.length >= 2 && isUtf16Bom(body)) {
            // rare: decode whole, then strip whitespace at character level
            String text = new String(body, StandardCharsets.UTF_16).stripLeading();
            return openText(text);
        }
        int start = skipBomAndWhitespace(body);
        if (start == body.length) {
            throw new MalformedMessageException("empty body");
        }
        if (body[start] != '<') {
            throw new MalformedMessageException("not XML: body starts with byte 0x"
                    + Integer.toHexString(body[start] & 0xFF));
        }
        Charset charset = declaredCharset(body, start);
        if (charset == null) {
            charset = charsetOrNull(httpCharset);
        }
        if (charset == null) {
            charset = StandardCharsets.UTF_8;
        }
        if ((charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII))
                && Utf8.isWellFormed(body, start, body.length)) {
            // the parser's own UTF-8 decoder, straight over the array, is the fastest path
            return factory.createXMLStreamReader(new Stax2ByteArraySource(body, start, body.length - start));
        }
        // a Reader makes the parser ignore the declaration's encoding, so the charset chosen here wins;
        // InputStreamReader replaces malformed input with U+FFFD rather than failing (see Utf8)
        ByteArrayInputStream in = new ByteArrayInputStream(body, start, body.length - start);
        return factory.createXMLStreamReader(new InputStreamReader(in, charset));
    }

    private XMLStreamReader openText(String text) throws XMLStreamException, MalformedMessageException {
        if (text.isEmpty()) {
            throw new MalformedMessageException("empty body");
        }
        return factory.createXMLStreamReader(new StringReader(text));
    }

    /** Closes a reader of {@link #open} ({@code null} is ignored), wherever in its document it stopped. */
    void release(XMLStreamReader reader) {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (XMLStreamException ignored) {
            // nothing is held open: the input is an in-memory array
        }
    }

    private static boolean isUtf16Bom(byte[] b) {
        return (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE);
    }

    static int skipBomAndWhitespace(byte[] b) {
        int i = 0;
        while (i < b.length) {
            byte c = b[i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (c == UTF8_BOM[0] && i + 2 < b.length && b[i + 1] == UTF8_BOM[1] && b[i + 2] == UTF8_BOM[2]) {
                i += 3;
            } else {
                break;
            }
        }
        return i;
    }

    /** The encoding pseudo-attribute of an XML declaration at {@code start}, or null (none, unknown). */
    static Charset declaredCharset(byte[] b, int start) {
        if (!startsWith(b, start, "<?xml")) {
            return null;
        }
        int end = Math.min(b.length, start + 256);
        int close = -1;
        for (int i = start + 5; i + 1 < end; i++) {
            if (b[i] == '?' && b[i + 1] == '>') {
                close = i;
                break;
            }
        }
        if (close < 0) {
            return null;
        }
        String decl = new String(b, start, close - start, StandardCharsets.ISO_8859_1);
        int at = decl.indexOf("encoding");
        if (at < 0) {
            return null;
        }
        int q = at + "encoding".length();
        while (q < decl.length() && (decl.charAt(q) == ' ' || decl.charAt(q) == '=' || decl.charAt(q) == '\t')) {
            q++;
        }
        if (q >= decl.length() || (decl.charAt(q) != '"' && decl.charAt(q) != '\'')) {
            return null;
        }
        int endQuote = decl.indexOf(decl.charAt(q), q + 1);
        return endQuote < 0 ? null : charsetOrNull(decl.substring(q + 1, endQuote));
    }

    private static boolean startsWith(byte[] b, int at, String ascii) {
        if (b.length - at < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The named charset, or null when the name is missing or unknown (lenient: fall back, do not fail). */
    static Charset charsetOrNull(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.trim();
        if (n.length() > 1 && (n.charAt(0) == '"' || n.charAt(0) == '\'')) {
            n = n.substring(1, n.length() - 1);
        }
        try {
            return Charset.forName(n.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
