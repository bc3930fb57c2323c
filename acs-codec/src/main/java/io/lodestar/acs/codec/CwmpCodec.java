package io.lodestar.acs.codec;

import io.lodestar.acs.core.rpc.CwmpEnvelope;

/**
 * Reads and writes CWMP SOAP envelopes. Thread-safe: one instance serves every session.
 *
 * <p>Decoding accepts CWMP 1.0 to 1.4 ({@code urn:dslforum-org:cwmp-1-0} .. {@code -1-2}), any namespace
 * prefixes, with or without an XML declaration, xsi:type and soap-enc array attributes, and the field
 * quirks of the conformance corpus. The parser is hardened: no DTDs, no external entities, bounded depth,
 * element count and text sizes ({@link CodecLimits}).
 *
 * <p>Encoding writes the envelope in the namespace of {@link CwmpEnvelope#version()}, with the header
 * elements that are set, and emits xsi:type only on {@code Value} elements, as TR-069 section 3.5 asks.
 */
public interface CwmpCodec {

    /**
     * Decodes one envelope from an HTTP body.
     *
     * @throws CwmpDecodeException when the body is not a well-formed CWMP SOAP envelope, or exceeds a limit
     */
    default CwmpEnvelope decode(byte[] body) throws CwmpDecodeException {
        return decode(body, null);
    }

    /**
     * Decodes one envelope from an HTTP body whose Content-Type named {@code httpCharset} (null when it named
     * none). An XML declaration's encoding wins over it; without either, UTF-8 is assumed.
     *
     * @throws CwmpDecodeException when the body is not a well-formed CWMP SOAP envelope, or exceeds a limit
     */
    CwmpEnvelope decode(byte[] body, String httpCharset) throws CwmpDecodeException;

    /** Encodes one envelope as UTF-8 XML, ready to be an HTTP body. */
    byte[] encode(CwmpEnvelope envelope);

    /** The default codec with default limits, for the ACS: it decodes what CPEs send. */
    static CwmpCodec standard() {
        return new StaxCwmpCodec(CodecLimits.DEFAULT);
    }

    /**
     * A codec with default limits for the CPE end (the simulator): it decodes what an ACS sends. Differs from
     * {@link #standard()} only in how GetRPCMethods and GetRPCMethodsResponse are read ({@link CodecSide}).
     */
    static CwmpCodec forCpe() {
        return new StaxCwmpCodec(CodecLimits.DEFAULT, CodecSide.CPE);
    }
}
