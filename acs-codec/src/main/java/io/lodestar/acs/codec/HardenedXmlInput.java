package io.lodestar.acs.codec;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Opens HTTP bodies as StAX readers with a parser that cannot be turned against the ACS.
 *
 * <p>Why each setting: DTD support off and external entities off, so that neither entity expansion
 * (billion laughs) nor external entities (XXE, file disclosure, SSRF) can happen; external DTD/schema access
 * restricted to no protocol at all and a resolver that refuses everything, as a second lock; and the JDK's
 * own implementation ({@link XMLInputFactory#newDefaultFactory()}) so that an XML library arriving on the
 * classpath cannot silently replace the hardened parser. Any DOCTYPE that still reaches the reader is
 * rejected by {@link XmlCursor}.
 *
 * <p>Why a factory per thread: building a reader (its symbol table, scanners, entity manager and buffers) cost about
 * as much as parsing a whole Inform. The JDK's factory hands out its last reader again, reset, once that reader was
 * closed ({@code reuse-instance}); that makes the factory unsafe to share, so each thread has its own. A reader
 * still open when its thread opens another is left alone (a new one is made), so nested decoding stays correct.
 * A reused reader keeps what it last read (its input and the buffers it grew) until its thread reads again, so
 * only messages up to {@link #REUSE_MAX_BYTES} go to the per-thread factories; bigger ones get a reader of their
 * own from a factory that never reuses (thread-safe, shared). Otherwise every worker thread would keep its last
 * huge Inform alive: 30 Informs of 3 MB on 30 threads exhausted a 256 MB heap ({@code AcsProcessHardeningTest}).
 *
 * <p>Why the byte fiddling: CPEs send leading blank lines or a BOM before {@code <?xml ...?>}, which the
 * JDK parser rejects ("processing instruction target matching [xX][mM][lL] is not allowed"); they are
 * stripped. The charset is the XML declaration's if it names one, else the HTTP Content-Type's, else UTF-8.
 * Malformed UTF-8 is decoded with replacement characters rather than rejected ({@link Utf8} says why).
 */
final class HardenedXmlInput {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** The JDK factory's property that lets it reset and hand out again its last reader once closed. */
    private static final String REUSE_INSTANCE = "reuse-instance";

    /** The largest message read with a reused reader; typical Informs and answers are a few to a hundred KB. */
    static final int REUSE_MAX_BYTES = 256 * 1024;

    private final ThreadLocal<XMLInputFactory> factories = ThreadLocal.withInitial(() -> newFactory(true));
    private final XMLInputFactory oneOff = newFactory(false);

    HardenedXmlInput() {
        factories.get(); // fail here, not at the first message, if the runtime's parser refuses a setting
    }

    private static XMLInputFactory newFactory(boolean reuse) {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        // errors reach the caller as exceptions; without a reporter the JDK parser also prints them to stderr
        f.setXMLReporter((message, errorType, info, location) -> { });
        if (reuse) {
            try {
                f.setProperty(REUSE_INSTANCE, Boolean.TRUE); // last: a property set later would turn reuse off again
            } catch (IllegalArgumentException notSupported) {
                // another runtime's parser: a new reader per message, as before
            }
        }
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
            // not XML; refusing here also keeps the JDK parser from printing its own report to stderr
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
        ByteArrayInputStream in = new ByteArrayInputStream(body, start, body.length - start);
        XMLInputFactory factory = factoryFor(body.length - start);
        if ((charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII))
                && Utf8.isWellFormed(body, start, body.length)) {
            // the parser's own UTF-8 decoder is the fastest path
            return factory.createXMLStreamReader(in, "UTF-8");
        }
        // a Reader makes the parser ignore the declaration's encoding, so the charset chosen here wins;
        // InputStreamReader replaces malformed input with U+FFFD rather than failing (see Utf8)
        return factory.createXMLStreamReader(new InputStreamReader(in, charset));
    }

    private XMLStreamReader openText(String text) throws XMLStreamException, MalformedMessageException {
        if (text.isEmpty()) {
            throw new MalformedMessageException("empty body");
        }
        return factoryFor(text.length()).createXMLStreamReader(new StringReader(text));
    }

    /**
     * Closes a reader of {@link #open} ({@code null} is ignored). The JDK's reused reader keeps the entity of every
     * document it was closed in the middle of (its 8 KB decoder buffer and its input) on its entity manager's stack,
     * for good: about 8 KB per message on each thread, forever. So a decoded message is read to its end first (its
     * closing tags: a few events), and a thread whose reader stopped in the middle (a malformed message, or junk
     * after the envelope) drops its factory, so that the stale reader goes with it.
     */
    void release(XMLStreamReader reader, boolean decoded) {
        if (reader == null) {
            return;
        }
        boolean atEnd = false;
        if (decoded) {
            try {
                while (reader.hasNext()) {
                    reader.next();
                }
                atEnd = true;
            } catch (XMLStreamException | RuntimeException trailing) {
                // the envelope is decoded and what follows it does not matter; the reader is mid-document now
            }
        }
        try {
            reader.close();
        } catch (XMLStreamException ignored) {
            // nothing is held open: the input is an in-memory array
        }
        if (!atEnd) {
            factories.remove();
        }
    }

    /** This thread's reusing factory for a message of ordinary size; the shared one-off factory for a big one. */
    private XMLInputFactory factoryFor(int length) {
        return length <= REUSE_MAX_BYTES ? factories.get() : oneOff;
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
