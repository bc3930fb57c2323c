package io.lodestar.acs.codec;

import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.UnknownMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Decodes one HTTP body: SOAP Envelope, the CWMP header elements, the Body's single message, and the CWMP
 * version. Stateless apart from its configuration, so one instance serves all threads; the per-document
 * state lives in {@link Run}.
 *
 * <p>Errors are classified for the HTTP layer ({@link CwmpDecodeException#isSoap()}): anything before a
 * SOAP Envelope start tag was seen (no XML, garbage, a DOCTYPE, another root element) is "not SOAP"; an
 * Envelope with no Body, an empty Body, or bad content is "SOAP", with the cwmp:ID if it was read.
 *
 * <p>Reading stops at the end of the Body: what follows (trailing NULs and junk some stacks append) is
 * never parsed.
 */
final class EnvelopeDecoder {

    /** How many not-understood header elements are kept: enough to name them in a fault, bounded against floods. */
    private static final int MAX_NOT_UNDERSTOOD = 8;

    private final HardenedXmlInput input;
    private final CodecLimits limits;
    private final MessageDecoder messages;

    EnvelopeDecoder(HardenedXmlInput input, CodecLimits limits, CodecSide side) {
        this.input = input;
        this.limits = limits;
        this.messages = new MessageDecoder(side);
    }

    CwmpEnvelope decode(byte[] body, String httpCharset) throws CwmpDecodeException {
        if (body == null) {
            throw new CwmpDecodeException("no body", false);
        }
        Run run = new Run();
        XMLStreamReader reader = null;
        try {
            reader = input.open(body, httpCharset);
            return run.envelope(new XmlCursor(reader, limits));
        } catch (XMLStreamException e) {
            throw new CwmpDecodeException("malformed XML: " + e.getMessage(), run.soap, run.id, e);
        } catch (MalformedMessageException e) {
            throw new CwmpDecodeException(e.getMessage(), run.soap, run.id, e);
        } catch (RuntimeException e) {
            // whatever the parser or a record constructor throws on some odd input, the caller must only
            // ever see a decode failure: a CPE's bytes must not become a 500
            throw new CwmpDecodeException("cannot decode: " + e, run.soap, run.id, e);
        } finally {
            input.release(reader);
        }
    }

    private static boolean isSoap(XmlCursor c, String localName) {
        return localName.equals(c.localName()) && CwmpNames.SOAP_ENV.equals(c.namespace());
    }

    /** One decoding: what has been learnt so far, for the result and for error reports. */
    private final class Run {
        boolean soap;
        String id;
        String cwmpNamespace;
        CwmpHeader header = CwmpHeader.EMPTY;

        CwmpEnvelope envelope(XmlCursor c) throws XMLStreamException, MalformedMessageException, CwmpDecodeException {
            if (!c.toRoot()) {
                throw new MalformedMessageException("no root element");
            }
            if (!isSoap(c, "Envelope")) {
                throw new CwmpDecodeException("not a SOAP 1.1 envelope: root element {" + c.namespace() + "}"
                        + c.localName(), false);
            }
            soap = true;
            while (c.nextChild()) {
                if (isSoap(c, "Header")) {
                    header(c);
                } else if (isSoap(c, "Body")) {
                    CwmpMessage message = body(c);
                    return new CwmpEnvelope(version(), header, message);
                } else {
                    c.skip();
                }
            }
            throw new CwmpDecodeException("SOAP envelope without Body", true, id, null);
        }

        private void noteNamespace(String ns) {
            if (cwmpNamespace == null && CwmpNames.isCwmp(ns)) {
                cwmpNamespace = ns;
            }
        }

        private void header(XmlCursor c) throws XMLStreamException, MalformedMessageException {
            String hid = null;
            Boolean hold = null;
            Boolean noMore = null;
            Integer timeout = null;
            String supported = null;
            String use = null;
            List<String> notUnderstood = new ArrayList<>();
            while (c.nextChild()) {
                String ns = c.namespace();
                if (!ns.isEmpty() && !CwmpNames.isCwmp(ns)) {
                    skipUnknown(c, notUnderstood);
                    continue;
                }
                noteNamespace(ns);
                switch (c.localName()) {
                    case "ID" -> {
                        hid = c.text();
                        id = hid;
                    }
                    case "HoldRequests" -> hold = Lexical.parseBoolean(c.text());
                    case "NoMoreRequests" -> noMore = Lexical.parseBoolean(c.text());
                    case "SessionTimeout" -> timeout = Lexical.parseInt("SessionTimeout", c.text());
                    case "SupportedCWMPVersions" -> supported = c.token();
                    case "UseCWMPVersion" -> use = c.token();
                    default -> skipUnknown(c, notUnderstood);
                }
            }
            header = new CwmpHeader(hid, hold, noMore, timeout, supported, use, notUnderstood);
        }

        /** Skips a header element this codec does not know, noting it when the sender says it must be understood. */
        private void skipUnknown(XmlCursor c, List<String> notUnderstood)
                throws XMLStreamException, MalformedMessageException {
            String mustUnderstand = c.attribute(CwmpNames.SOAP_ENV, "mustUnderstand");
            if (("1".equals(mustUnderstand) || "true".equals(mustUnderstand))
                    && notUnderstood.size() < MAX_NOT_UNDERSTOOD) {
                notUnderstood.add("{" + c.namespace() + "}" + c.localName());
            }
            c.skip();
        }

        private CwmpMessage body(XmlCursor c) throws XMLStreamException, MalformedMessageException, CwmpDecodeException {
            if (!c.nextChild()) {
                throw new CwmpDecodeException("empty SOAP Body", true, id, null);
            }
            String name = c.localName();
            String ns = c.namespace();
            if (name.equals("Fault") && (ns.equals(CwmpNames.SOAP_ENV) || ns.isEmpty())) {
                return FaultDecoder.decode(c, this::noteNamespace);
            }
            if (ns.isEmpty() || CwmpNames.isCwmp(ns)) {
                noteNamespace(ns);
                CwmpMessage message = messages.decode(name, c);
                if (message != null) {
                    return message;
                }
            }
            c.skip();
            return new UnknownMethod(name, ns);
        }

        /**
         * The namespace's version; for {@code cwmp-1-2}, shared by 1.2, 1.3 and 1.4, refined by the 1.4
         * headers (UseCWMPVersion, the ACS's choice, else the highest SupportedCWMPVersions) or the 1.3
         * SessionTimeout. Unqualified messages without CWMP header elements are taken as 1.0.
         */
        private CwmpVersion version() {
            if (cwmpNamespace == null) {
                return CwmpVersion.V1_0;
            }
            CwmpVersion base = CwmpVersion.ofNamespace(cwmpNamespace).orElseGet(this::unknownNamespaceVersion);
            if (base.compareTo(CwmpVersion.V1_2) < 0) {
                return base;
            }
            Optional<CwmpVersion> chosen = header.useCwmpVersion() == null ? Optional.empty()
                    : CwmpVersion.ofLabel(header.useCwmpVersion());
            if (chosen.isEmpty() && header.supportedCwmpVersions() != null) {
                chosen = CwmpVersion.highestOf(header.supportedCwmpVersions());
            }
            if (chosen.isPresent()) {
                return chosen.get().compareTo(base) > 0 ? chosen.get() : base;
            }
            return header.sessionTimeout() != null && base == CwmpVersion.V1_2 ? CwmpVersion.V1_3 : base;
        }

        /** A {@code urn:dslforum-org:cwmp-1-N} namespace the standard never defined: version 1.N if known. */
        private CwmpVersion unknownNamespaceVersion() {
            String suffix = cwmpNamespace.substring(CwmpNames.CWMP_PREFIX.length()).replace('-', '.');
            return CwmpVersion.ofLabel(suffix).orElse(CwmpVersion.V1_2);
        }
    }
}
