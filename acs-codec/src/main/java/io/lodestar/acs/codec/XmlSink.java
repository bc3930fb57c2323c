package io.lodestar.acs.codec;

/**
 * Where the encoder writes XML: the few operations it needs, so that the same encoding logic can run on a
 * hand-written StringBuilder writer ({@link TextXmlSink}) or the JDK's XMLStreamWriter
 * ({@link StaxXmlSink}), and the two can be measured against each other (see docs/codec.md).
 * A sink is used for one document and then discarded.
 */
interface XmlSink {

    /** Opens an element; {@code prefix} null for an unqualified element. */
    void start(String prefix, String localName);

    /** Declares a namespace on the element just opened. */
    void namespace(String prefix, String uri);

    /** Adds an attribute to the element just opened; {@code prefix} null for an unqualified attribute. */
    void attribute(String prefix, String localName, String value);

    /** Writes character data, escaped; null writes nothing (a record field left null encodes as empty). */
    void text(String text);

    /** Closes the innermost open element. */
    void end();

    /** Finishes the document and returns it as UTF-8. */
    byte[] finish();

    /** An unqualified element with text content: the shape of nearly every CWMP field. */
    default void leaf(String localName, String text) {
        start(null, localName);
        text(text);
        end();
    }
}
