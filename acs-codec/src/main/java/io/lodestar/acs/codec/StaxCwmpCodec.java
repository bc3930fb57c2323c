package io.lodestar.acs.codec;

import io.lodestar.acs.core.rpc.CwmpEnvelope;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The CWMP codec on the JDK's StAX parser: streaming, hardened ({@link HardenedXmlInput}), bounded
 * ({@link CodecLimits}, enforced by {@link XmlCursor}) and lenient with the quirks of real CPEs
 * ({@link StructDecoder}, {@link MessageDecoder}). Chosen over SAAJ because it decodes several times faster
 * and allocates no DOM (docs/codec.md has the figures).
 *
 * <p>Encoding uses the StringBuilder writer {@link TextXmlSink}, which measured faster than the JDK's
 * XMLStreamWriter ({@link StaxXmlSink}) for the same output.
 *
 * <p>Thread-safe: one instance serves every session.
 */
public final class StaxCwmpCodec implements CwmpCodec {

    private final EnvelopeDecoder decoder;
    private final Supplier<XmlSink> sinks;

    /** An ACS-side codec (it decodes what CPEs send; see {@link CodecSide}). */
    public StaxCwmpCodec(CodecLimits limits) {
        this(limits, CodecSide.ACS);
    }

    /** A codec for one end of the session: {@link CodecSide#CPE} for the simulator. */
    public StaxCwmpCodec(CodecLimits limits, CodecSide side) {
        this(limits, side, TextXmlSink::new);
    }

    /** With a chosen XML writer: for tests and the benchmark that compares writers. */
    StaxCwmpCodec(CodecLimits limits, CodecSide side, Supplier<XmlSink> sinks) {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(side, "side");
        this.decoder = new EnvelopeDecoder(new HardenedXmlInput(), limits, side);
        this.sinks = sinks;
    }

    @Override
    public CwmpEnvelope decode(byte[] body, String httpCharset) throws CwmpDecodeException {
        return decoder.decode(body, httpCharset);
    }

    @Override
    public byte[] encode(CwmpEnvelope envelope) {
        Objects.requireNonNull(envelope, "envelope");
        return EnvelopeEncoder.encode(envelope, sinks.get());
    }
}
