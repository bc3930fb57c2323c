/**
 * The CWMP SOAP codec: bytes on the wire to {@link io.lodestar.acs.core.rpc.CwmpEnvelope} records and
 * back. Nothing here knows about HTTP, sessions or storage.
 *
 * <p>Public: {@link io.lodestar.acs.codec.CwmpCodec} (the contract; {@code standard()} for the ACS,
 * {@code forCpe()} for the simulator), {@link io.lodestar.acs.codec.StaxCwmpCodec} (the implementation),
 * {@link io.lodestar.acs.codec.CodecLimits}, {@link io.lodestar.acs.codec.CodecSide} and
 * {@link io.lodestar.acs.codec.CwmpDecodeException}.
 *
 * <p>Decoding: {@code HardenedXmlInput} (parser settings, charset, leading whitespace) →
 * {@code XmlCursor} (limits on every event) → {@code EnvelopeDecoder} (envelope, header, version) →
 * {@code MessageDecoder}, {@code FaultDecoder}, {@code StructDecoder} (records), with {@code Lexical} for
 * lenient scalars. Encoding: {@code EnvelopeEncoder} and {@code MessageEncoder} writing to an
 * {@code XmlSink} ({@code TextXmlSink} in use, {@code StaxXmlSink} as the measured alternative).
 * docs/codec.md has the measurements and the reasons.
 */
package io.lodestar.acs.codec;
