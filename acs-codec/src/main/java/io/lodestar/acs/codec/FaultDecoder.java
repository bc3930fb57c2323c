package io.lodestar.acs.codec;

import io.lodestar.acs.core.rpc.CwmpFault;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamException;

/**
 * Reads a SOAP Fault with its CWMP detail into a {@link CwmpFault}.
 *
 * <p>The SOAP faultcode is a QName, written qualified ({@code SOAP-ENV:Client}) or bare ({@code Client});
 * only its local part is kept. A fault without CWMP detail keeps code 0 and the SOAP faultstring, so that a
 * generic SOAP stack's fault still reaches the session engine as a fault rather than as a decode error.
 */
final class FaultDecoder {

    private FaultDecoder() {}

    /**
     * The fault, the cursor on the Fault start tag.
     *
     * @param cwmpNamespace told the namespace of the cwmp:Fault detail element, for version detection
     */
    static CwmpFault decode(XmlCursor c, Consumer<String> cwmpNamespace)
            throws XMLStreamException, MalformedMessageException {
        String soapCode = "";
        String soapString = "";
        Detail detail = null;
        while (c.nextChild()) {
            switch (c.localName()) {
                case "faultcode" -> soapCode = localPart(c.token());
                case "faultstring" -> soapString = c.text();
                case "detail" -> detail = detail(c, cwmpNamespace);
                default -> c.skip();
            }
        }
        if (detail == null) {
            return new CwmpFault(soapCode, 0, soapString, List.of());
        }
        return new CwmpFault(soapCode, detail.code, detail.text, detail.spvFaults);
    }

    private static String localPart(String qname) {
        int colon = qname.indexOf(':');
        return colon < 0 ? qname : qname.substring(colon + 1);
    }

    private static final class Detail {
        int code;
        String text = "";
        final List<CwmpFault.SetParameterValuesFault> spvFaults = new ArrayList<>();
    }

    private static Detail detail(XmlCursor c, Consumer<String> cwmpNamespace)
            throws XMLStreamException, MalformedMessageException {
        Detail d = null;
        while (c.nextChild()) {
            if (d == null && c.localName().equals("Fault")) {
                cwmpNamespace.accept(c.namespace());
                d = cwmpFault(c);
            } else {
                c.skip();
            }
        }
        return d;
    }

    private static Detail cwmpFault(XmlCursor c) throws XMLStreamException, MalformedMessageException {
        Detail d = new Detail();
        while (c.nextChild()) {
            switch (c.localName()) {
                case "FaultCode" -> d.code = Lexical.parseInt("FaultCode", c.text());
                case "FaultString" -> d.text = c.text();
                case "SetParameterValuesFault" -> d.spvFaults.add(spvFault(c));
                default -> c.skip();
            }
        }
        return d;
    }

    private static CwmpFault.SetParameterValuesFault spvFault(XmlCursor c)
            throws XMLStreamException, MalformedMessageException {
        String name = "";
        int code = 0;
        String text = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "ParameterName" -> name = c.token();
                case "FaultCode" -> code = Lexical.parseInt("FaultCode", c.text());
                case "FaultString" -> text = c.text();
                default -> c.skip();
            }
        }
        return new CwmpFault.SetParameterValuesFault(name, code, text);
    }
}
