package io.lodestar.acs.codec;

/**
 * Internal signal that the XML is well-formed so far but unacceptable (a limit exceeded, a DOCTYPE, a
 * number that is no number). {@link EnvelopeDecoder} turns it into a {@link CwmpDecodeException} once it
 * knows whether the document was a SOAP envelope and which cwmp:ID it carried.
 */
final class MalformedMessageException extends Exception {

    MalformedMessageException(String message) {
        super(message, null, false, false);
    }
}
