package io.lodestar.acs.bench.codec;

import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPBody;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPEnvelope;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPHeaderElement;
import jakarta.xml.soap.SOAPMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.xml.namespace.QName;

/**
 * The SAAJ contender of the encode benchmark: builds the same GetParameterValuesResponse envelope with the
 * SAAJ object model and serialises it with {@code writeTo}. Only that message is supported.
 */
public final class SaajCwmpWriter {

    private static final String ENC = "http://schemas.xmlsoap.org/soap/encoding/";
    private static final String XSD = "http://www.w3.org/2001/XMLSchema";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private final MessageFactory factory;

    public SaajCwmpWriter() {
        try {
            factory = MessageFactory.newInstance();
        } catch (SOAPException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] encode(CwmpEnvelope envelope) throws SOAPException, IOException {
        String ns = envelope.version().namespace();
        GetParameterValuesResponse gpv = (GetParameterValuesResponse) envelope.message();
        SOAPMessage m = factory.createMessage();
        SOAPEnvelope env = m.getSOAPPart().getEnvelope();
        env.addNamespaceDeclaration("soapenc", ENC);
        env.addNamespaceDeclaration("xsd", XSD);
        env.addNamespaceDeclaration("xsi", XSI);
        env.addNamespaceDeclaration("cwmp", ns);
        SOAPHeaderElement id = m.getSOAPHeader().addHeaderElement(new QName(ns, "ID", "cwmp"));
        id.setMustUnderstand(true);
        id.addTextNode(envelope.header().id());
        SOAPBody body = m.getSOAPBody();
        SOAPElement rpc = body.addBodyElement(new QName(ns, "GetParameterValuesResponse", "cwmp"));
        SOAPElement list = rpc.addChildElement("ParameterList");
        list.addAttribute(new QName(ENC, "arrayType", "soapenc"),
                "cwmp:ParameterValueStruct[" + gpv.parameterList().size() + "]");
        for (ParameterValueStruct p : gpv.parameterList()) {
            SOAPElement s = list.addChildElement("ParameterValueStruct");
            s.addChildElement("Name").addTextNode(p.name());
            SOAPElement v = s.addChildElement("Value");
            v.addAttribute(new QName(XSI, "type", "xsi"), p.type());
            v.addTextNode(p.value());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        m.writeTo(out);
        return out.toByteArray();
    }
}
