package io.lodestar.acs.codec;

import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.GetParameterAttributes;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.ScheduleInform;
import io.lodestar.acs.core.rpc.SetParameterAttributes;
import io.lodestar.acs.core.rpc.SetParameterAttributesStruct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.xml.sax.SAXParseException;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The output carries no XML declaration, so that a CPE agent that wraps the body in a root element of its own
 * before parsing it (a field report) can read it; and unknown header elements the sender must have understood
 * are reported, for the SOAP MustUnderstand fault.
 */
class HeaderAndDeclarationTest {

    private static final CwmpCodec ACS = CwmpCodec.standard();

    private static final String HEAD = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:cwmp=\"urn:dslforum-org:cwmp-1-2\" xmlns:x=\"urn:example:vendor\"><soapenv:Header>"
            + "<cwmp:ID soapenv:mustUnderstand=\"1\">7</cwmp:ID>";
    private static final String TAIL = "</soapenv:Header><soapenv:Body><cwmp:GetRPCMethods/></soapenv:Body>"
            + "</soapenv:Envelope>";

    private static Document wrappedAndParsed(byte[] body) throws Exception {
        String wrapped = "<agent>" + new String(body, StandardCharsets.UTF_8) + "</agent>";
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        DocumentBuilder parser = f.newDocumentBuilder();
        parser.setErrorHandler(null);
        return parser.parse(new ByteArrayInputStream(wrapped.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @EnumSource(CwmpVersion.class)
    void everyMessageTheAcsSendsParsesWhenAnAgentWrapsItInARootOfItsOwn(CwmpVersion version) throws Exception {
        List<CwmpMessage> sent = List.of(new InformResponse(1), new GetParameterAttributes(List.of("Device.")),
                new SetParameterAttributes(List.of(new SetParameterAttributesStruct("Device.X", true, 2, true,
                        List.of("Subscriber")))), new ScheduleInform(30, "ck"),
                CwmpFault.acs(CwmpFault.METHOD_NOT_SUPPORTED, "Method not supported: Kicked"));
        for (CwmpMessage m : sent) {
            byte[] body = ACS.encode(new CwmpEnvelope(version, CwmpHeader.withId("1"), m));
            assertThat(new String(body, StandardCharsets.UTF_8)).startsWith("<soapenv:Envelope ");
            assertThat(wrappedAndParsed(body).getDocumentElement().getFirstChild().getLocalName())
                    .isEqualTo("Envelope");
        }
    }

    @Test
    void aDeclarationIsWhatSuchAnAgentFailsOn() {
        byte[] declared = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + HEAD + TAIL).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> wrappedAndParsed(declared)).isInstanceOf(SAXParseException.class);
    }

    @Test
    void unknownHeaderElementsThatMustBeUnderstoodAreNoted() throws Exception {
        CwmpEnvelope e = ACS.decode((HEAD + "<x:Billing soapenv:mustUnderstand=\"1\">a</x:Billing>"
                + "<x:Hint soapenv:mustUnderstand=\"0\">b</x:Hint><x:Other>c</x:Other>"
                + "<cwmp:FutureThing soapenv:mustUnderstand=\"true\">d</cwmp:FutureThing>" + TAIL)
                .getBytes(StandardCharsets.UTF_8));

        assertThat(e.header().id()).isEqualTo("7");
        assertThat(e.header().notUnderstood()).containsExactly("{urn:example:vendor}Billing",
                "{urn:dslforum-org:cwmp-1-2}FutureThing");
    }

    @Test
    void knownHeaderElementsAreUnderstood() throws Exception {
        CwmpEnvelope e = ACS.decode((HEAD + "<cwmp:HoldRequests soapenv:mustUnderstand=\"1\">0</cwmp:HoldRequests>"
                + TAIL).getBytes(StandardCharsets.UTF_8));
        assertThat(e.header().notUnderstood()).isEmpty();
        assertThat(e.header().holdRequests()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(CwmpVersion.class)
    void theMustUnderstandFaultIsASchemaValidSoapFaultWithoutCwmpDetail(CwmpVersion version) throws Exception {
        byte[] body = ACS.encode(new CwmpEnvelope(version, CwmpHeader.withId("7"),
                CwmpFault.mustUnderstand(List.of("{urn:example:vendor}Billing"))));
        String xml = new String(body, StandardCharsets.UTF_8);

        CwmpSchemas.validate(version.namespace(), body);
        assertThat(xml).contains("<faultcode>soapenv:MustUnderstand</faultcode>").doesNotContain("detail");
        CwmpFault back = (CwmpFault) ACS.decode(body).message();
        assertThat(back.soapFaultCode()).isEqualTo("MustUnderstand");
        assertThat(back.faultString()).contains("{urn:example:vendor}Billing");
        assertThat(back.isSoapOnly()).isTrue();
    }
}
