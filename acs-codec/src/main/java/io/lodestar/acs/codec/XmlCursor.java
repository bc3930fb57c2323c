package io.lodestar.acs.codec;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A forward-only walk over a StAX reader that enforces {@link CodecLimits} on every event, so that no
 * decoding path can forget a bound: depth, element count and attribute value sizes are checked at each
 * start tag, text size at each text chunk and while an element's text is collected, and a DOCTYPE is
 * refused outright.
 *
 * <p>The decoders only need three moves: {@link #nextChild()} (enter the next child element of the current
 * one, or stop at its end tag), {@link #text()} (the current element's text, up to its end tag) and
 * {@link #skip()} (ignore the current element). Matching is by local name; callers check namespaces where
 * they matter.
 */
final class XmlCursor {

    private final XMLStreamReader reader;
    private final CodecLimits limits;
    private final StringBuilder text = new StringBuilder(64);
    private int depth;
    private int elements;

    XmlCursor(XMLStreamReader reader, CodecLimits limits) {
        this.reader = reader;
        this.limits = limits;
    }

    /** Advances one event, enforcing the limits. */
    int next() throws XMLStreamException, MalformedMessageException {
        int event = reader.next();
        switch (event) {
            case XMLStreamConstants.START_ELEMENT -> {
                if (++depth > limits.maxDepth()) {
                    throw new MalformedMessageException("elements nested deeper than " + limits.maxDepth());
                }
                if (++elements > limits.maxElements()) {
                    throw new MalformedMessageException("more than " + limits.maxElements() + " elements");
                }
                for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
                    if (reader.getAttributeValue(i).length() > limits.maxTextLength()) {
                        throw new MalformedMessageException("attribute value longer than " + limits.maxTextLength()
                                + " characters");
                    }
                }
            }
            case XMLStreamConstants.END_ELEMENT -> depth--;
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                if (reader.getTextLength() > limits.maxTextLength()) {
                    throw tooLong();
                }
            }
            case XMLStreamConstants.DTD -> throw new MalformedMessageException("DOCTYPE not allowed");
            case XMLStreamConstants.ENTITY_REFERENCE -> throw new MalformedMessageException("entity reference not allowed");
            default -> { }
        }
        return event;
    }

    /** Moves to the document's root element; false when the document has none. */
    boolean toRoot() throws XMLStreamException, MalformedMessageException {
        while (reader.hasNext()) {
            if (next() == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
        }
        return false;
    }

    /**
     * From a start tag (or the end tag of a previous child), moves to the next child's start tag and returns
     * true, or to the current element's end tag and returns false. Text and comments between are skipped.
     */
    boolean nextChild() throws XMLStreamException, MalformedMessageException {
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT || event == XMLStreamConstants.END_DOCUMENT) {
                return false;
            }
        }
    }

    /**
     * The text of the current element, consuming it through its end tag. Child elements (which a leaf should
     * not have) are skipped and their text ignored.
     */
    String text() throws XMLStreamException, MalformedMessageException {
        text.setLength(0);
        while (true) {
            int event = next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    int len = reader.getTextLength();
                    if (text.length() + len > limits.maxTextLength()) {
                        throw tooLong();
                    }
                    text.append(reader.getTextCharacters(), reader.getTextStart(), len);
                }
                case XMLStreamConstants.START_ELEMENT -> skip();
                case XMLStreamConstants.END_ELEMENT, XMLStreamConstants.END_DOCUMENT -> {
                    return text.toString();
                }
                default -> { }
            }
        }
    }

    /** The current element's text without surrounding whitespace: for names, numbers and flags. */
    String token() throws XMLStreamException, MalformedMessageException {
        return text().trim();
    }

    /** Skips the current element, from its start tag through its end tag. */
    void skip() throws XMLStreamException, MalformedMessageException {
        int level = 1;
        while (level > 0) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                level++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                level--;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                return;
            }
        }
    }

    String localName() {
        return reader.getLocalName();
    }

    /** The current element's namespace URI, "" when unqualified. */
    String namespace() {
        String ns = reader.getNamespaceURI();
        return ns == null ? "" : ns;
    }

    String attribute(String namespace, String localName) {
        return reader.getAttributeValue(namespace, localName);
    }

    /**
     * The current element's type attribute: xsi:type, or for stacks that get the namespace wrong, any
     * attribute called "type".
     */
    String typeAttribute() {
        String type = reader.getAttributeValue(CwmpNames.XSI, "type");
        if (type != null) {
            return type;
        }
        for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
            if ("type".equals(reader.getAttributeLocalName(i))) {
                return reader.getAttributeValue(i);
            }
        }
        return null;
    }

    /** The namespace bound to a prefix at the current element, or null. */
    String namespaceOf(String prefix) {
        return reader.getNamespaceURI(prefix);
    }

    private MalformedMessageException tooLong() {
        return new MalformedMessageException("text longer than " + limits.maxTextLength() + " characters");
    }
}
