package io.lodestar.acs.bench.codec;

import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.MimeHeaders;
import jakarta.xml.soap.SOAPBody;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.soap.SOAPMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The SAAJ contender of the decode benchmark: {@code MessageFactory.createMessage(headers, stream)}, then a
 * walk of the resulting DOM that extracts exactly what {@link StaxCwmpCodec} extracts for the benchmarked
 * messages (Inform, GetParameterNamesResponse, GetParameterValuesResponse) and builds the same records,
 * so the comparison is like for like. acs-bench's tests check that both produce equal envelopes. Not a
 * codec: other messages are not supported.
 */
public final class SaajCwmpReader {

    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private final MessageFactory factory;

    public SaajCwmpReader() {
        try {
            factory = MessageFactory.newInstance();
        } catch (SOAPException e) {
            throw new IllegalStateException(e);
        }
    }

    public CwmpEnvelope decode(byte[] body) throws SOAPException, IOException {
        MimeHeaders headers = new MimeHeaders();
        headers.addHeader("Content-Type", "text/xml; charset=utf-8");
        SOAPMessage message = factory.createMessage(headers, new ByteArrayInputStream(body));
        String id = null;
        String ns = null;
        SOAPHeader header = message.getSOAPHeader();
        if (header != null) {
            for (Element e = firstElement(header); e != null; e = nextElement(e)) {
                if ("ID".equals(e.getLocalName())) {
                    id = e.getTextContent();
                    ns = e.getNamespaceURI();
                }
            }
        }
        SOAPBody soapBody = message.getSOAPBody();
        Element rpc = firstElement(soapBody);
        if (rpc == null) {
            throw new SOAPException("empty Body");
        }
        ns = rpc.getNamespaceURI() != null ? rpc.getNamespaceURI() : ns;
        CwmpMessage m = switch (rpc.getLocalName()) {
            case "Inform" -> inform(rpc);
            case "GetParameterNamesResponse" -> new GetParameterNamesResponse(infos(child(rpc, "ParameterList")));
            case "GetParameterValuesResponse" -> new GetParameterValuesResponse(values(child(rpc, "ParameterList")));
            default -> throw new SOAPException("not benchmarked: " + rpc.getLocalName());
        };
        CwmpVersion version = ns == null ? CwmpVersion.V1_0 : CwmpVersion.ofNamespace(ns).orElse(CwmpVersion.V1_2);
        return new CwmpEnvelope(version, id == null ? CwmpHeader.EMPTY : CwmpHeader.withId(id), m);
    }

    private static Inform inform(Element rpc) {
        DeviceIdStruct deviceId = null;
        List<EventStruct> events = List.of();
        int maxEnvelopes = 0;
        String time = "";
        int retry = 0;
        List<ParameterValueStruct> params = List.of();
        for (Element e = firstElement(rpc); e != null; e = nextElement(e)) {
            switch (e.getLocalName()) {
                case "DeviceId" -> deviceId = new DeviceIdStruct(text(e, "Manufacturer"), text(e, "OUI"),
                        text(e, "ProductClass"), text(e, "SerialNumber"));
                case "Event" -> {
                    List<EventStruct> list = new ArrayList<>();
                    for (Element s = firstElement(e); s != null; s = nextElement(s)) {
                        list.add(new EventStruct(text(s, "EventCode"), text(s, "CommandKey")));
                    }
                    events = list;
                }
                case "MaxEnvelopes" -> maxEnvelopes = Integer.parseInt(e.getTextContent().trim());
                case "CurrentTime" -> time = e.getTextContent().trim();
                case "RetryCount" -> retry = Integer.parseInt(e.getTextContent().trim());
                case "ParameterList" -> params = values(e);
                default -> { }
            }
        }
        return new Inform(deviceId, events, maxEnvelopes, time, retry, params);
    }

    private static List<ParameterValueStruct> values(Element list) {
        List<ParameterValueStruct> result = new ArrayList<>();
        for (Element s = firstElement(list); s != null; s = nextElement(s)) {
            Element value = child(s, "Value");
            result.add(new ParameterValueStruct(text(s, "Name").trim(), value == null ? "" : value.getTextContent(),
                    value == null ? null : type(value)));
        }
        return result;
    }

    private static String type(Element value) {
        String raw = value.getAttributeNS(XSI, "type");
        if (raw.isEmpty()) {
            return null;
        }
        int colon = raw.indexOf(':');
        if (colon < 0) {
            return "xsd:" + raw;
        }
        String uri = value.lookupNamespaceURI(raw.substring(0, colon));
        return uri == null || uri.startsWith("http://www.w3.org/") ? "xsd:" + raw.substring(colon + 1) : raw;
    }

    private static List<ParameterInfoStruct> infos(Element list) {
        List<ParameterInfoStruct> result = new ArrayList<>();
        for (Element s = firstElement(list); s != null; s = nextElement(s)) {
            String w = text(s, "Writable").trim();
            result.add(new ParameterInfoStruct(text(s, "Name").trim(), w.equals("1") || w.equalsIgnoreCase("true")));
        }
        return result;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent();
    }

    private static Element child(Element parent, String name) {
        for (Element e = firstElement(parent); e != null; e = nextElement(e)) {
            if (name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element firstElement(Node parent) {
        Node n = parent.getFirstChild();
        while (n != null && n.getNodeType() != Node.ELEMENT_NODE) {
            n = n.getNextSibling();
        }
        return (Element) n;
    }

    private static Element nextElement(Node node) {
        Node n = node.getNextSibling();
        while (n != null && n.getNodeType() != Node.ELEMENT_NODE) {
            n = n.getNextSibling();
        }
        return (Element) n;
    }
}
