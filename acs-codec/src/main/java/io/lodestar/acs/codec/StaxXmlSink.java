package io.lodestar.acs.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An XML sink on the JDK's {@link XMLStreamWriter}: kept as the measured alternative to
 * {@link TextXmlSink} (docs/codec.md) and as a cross-check in tests that both write equivalent XML.
 * Text is cleaned of characters XML cannot carry first, which the JDK writer would emit raw.
 */
final class StaxXmlSink implements XmlSink {

    /** The JDK implementation, whatever else is on the classpath; thread-safe once built. */
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    private final XMLStreamWriter writer;
    private final Map<String, String> namespaces = new HashMap<>();
    /** The element just opened, written once its namespace declarations are known (they may bind its prefix). */
    private String pendingPrefix;
    private String pendingName;
    private final List<String> pendingNamespaces = new ArrayList<>();

    StaxXmlSink() {
        try {
            writer = FACTORY.createXMLStreamWriter(bytes, "UTF-8");
            // no writeStartDocument: the envelope goes out without an XML declaration, as TextXmlSink writes it
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void start(String prefix, String localName) {
        flush();
        pendingPrefix = prefix;
        pendingName = localName;
    }

    @Override
    public void namespace(String prefix, String uri) {
        namespaces.put(prefix, uri);
        pendingNamespaces.add(prefix);
    }

    private void flush() {
        if (pendingName == null) {
            return;
        }
        try {
            if (pendingPrefix == null) {
                writer.writeStartElement(pendingName);
            } else {
                writer.writeStartElement(pendingPrefix, pendingName, namespaces.getOrDefault(pendingPrefix, ""));
            }
            for (String prefix : pendingNamespaces) {
                writer.writeNamespace(prefix, namespaces.get(prefix));
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        pendingName = null;
        pendingNamespaces.clear();
    }

    @Override
    public void attribute(String prefix, String localName, String value) {
        flush();
        try {
            if (prefix == null) {
                writer.writeAttribute(localName, XmlChars.clean(value));
            } else {
                writer.writeAttribute(prefix, namespaces.getOrDefault(prefix, ""), localName, XmlChars.clean(value));
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void text(String text) {
        flush();
        if (text == null) {
            return;
        }
        try {
            writer.writeCharacters(XmlChars.clean(text));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void end() {
        flush();
        try {
            writer.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] finish() {
        try {
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
