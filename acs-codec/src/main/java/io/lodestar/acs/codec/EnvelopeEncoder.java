package io.lodestar.acs.codec;

import static io.lodestar.acs.codec.CwmpNames.P_CWMP;
import static io.lodestar.acs.codec.CwmpNames.P_ENC;
import static io.lodestar.acs.codec.CwmpNames.P_ENV;
import static io.lodestar.acs.codec.CwmpNames.P_XSD;
import static io.lodestar.acs.codec.CwmpNames.P_XSI;

import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpHeader;

/**
 * Writes the SOAP Envelope and the CWMP header; the Body's message is written by {@link MessageEncoder}.
 *
 * <p>Fixed prefixes soapenv/soapenc/xsd/xsi/cwmp, all declared on the Envelope, the cwmp one bound to the
 * envelope version's namespace. Header elements are written only when set, with the mustUnderstand values
 * the schemas fix: 1 for ID, HoldRequests and UseCWMPVersion, 0 for the informational NoMoreRequests,
 * SessionTimeout and SupportedCWMPVersions. No Header element at all when no field is set.
 */
final class EnvelopeEncoder {

    private EnvelopeEncoder() {}

    static byte[] encode(CwmpEnvelope envelope, XmlSink out) {
        out.start(P_ENV, "Envelope");
        out.namespace(P_ENV, CwmpNames.SOAP_ENV);
        out.namespace(P_ENC, CwmpNames.SOAP_ENC);
        out.namespace(P_XSD, CwmpNames.XSD);
        out.namespace(P_XSI, CwmpNames.XSI);
        out.namespace(P_CWMP, envelope.version().namespace());
        header(envelope.header(), out);
        out.start(P_ENV, "Body");
        MessageEncoder.write(envelope.message(), out);
        out.end();
        out.end();
        return out.finish();
    }

    private static void header(CwmpHeader h, XmlSink out) {
        if (h.id() == null && h.holdRequests() == null && h.noMoreRequests() == null && h.sessionTimeout() == null
                && h.supportedCwmpVersions() == null && h.useCwmpVersion() == null) {
            return;
        }
        out.start(P_ENV, "Header");
        headerField(out, "ID", "1", h.id());
        headerField(out, "HoldRequests", "1", flag(h.holdRequests()));
        headerField(out, "NoMoreRequests", "0", flag(h.noMoreRequests()));
        headerField(out, "SessionTimeout", "0", h.sessionTimeout() == null ? null : h.sessionTimeout().toString());
        headerField(out, "SupportedCWMPVersions", "0", h.supportedCwmpVersions());
        headerField(out, "UseCWMPVersion", "1", h.useCwmpVersion());
        out.end();
    }

    private static String flag(Boolean b) {
        return b == null ? null : b ? "1" : "0";
    }

    private static void headerField(XmlSink out, String name, String mustUnderstand, String value) {
        if (value == null) {
            return;
        }
        out.start(P_CWMP, name);
        out.attribute(P_ENV, "mustUnderstand", mustUnderstand);
        out.text(value);
        out.end();
    }
}
