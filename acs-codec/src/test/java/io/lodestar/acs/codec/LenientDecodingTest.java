package io.lodestar.acs.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.acs.core.rpc.*;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Field quirks beyond the corpus: charsets, prefixes, type names, lexical forms, versions. */
class LenientDecodingTest {

    private static final CwmpCodec ACS = CwmpCodec.standard();

    private static final String ENV_OPEN = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\">";

    private static String envelope(String header, String body) {
        return ENV_OPEN + "<soapenv:Header>" + header + "</soapenv:Header><soapenv:Body>" + body
                + "</soapenv:Body></soapenv:Envelope>";
    }

    private static String gpvResponse(String valueElement) {
        return envelope("<cwmp:ID soapenv:mustUnderstand=\"1\">1</cwmp:ID>",
                "<cwmp:GetParameterValuesResponse><ParameterList><ParameterValueStruct><Name>A.B</Name>" + valueElement
                        + "</ParameterValueStruct></ParameterList></cwmp:GetParameterValuesResponse>");
    }

    private static ParameterValueStruct onlyValue(String xml) throws CwmpDecodeException {
        return ((GetParameterValuesResponse) ACS.decode(xml.getBytes(StandardCharsets.UTF_8)).message())
                .parameterList().get(0);
    }

    private static CwmpEnvelope decode(String xml) throws CwmpDecodeException {
        return ACS.decode(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void whitespaceAndBomBeforeTheDeclarationAreSkipped() throws CwmpDecodeException {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + gpvResponse("<Value>v</Value>"))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ACS.decode(concat("\r\n  \n\t".getBytes(StandardCharsets.US_ASCII), xml)).message())
                .isInstanceOf(GetParameterValuesResponse.class);
        assertThat(ACS.decode(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, xml)).message())
                .isInstanceOf(GetParameterValuesResponse.class);
        assertThat(ACS.decode(concat("\n".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, xml)).message())
                .isInstanceOf(GetParameterValuesResponse.class);
    }

    @Test
    void declaredEncodingWins() throws CwmpDecodeException {
        Charset latin1 = StandardCharsets.ISO_8859_1;
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + gpvResponse("<Value>Caf\u00e9</Value>"))
                .getBytes(latin1);
        assertThat(((GetParameterValuesResponse) ACS.decode(xml, "UTF-8").message()).parameterList().get(0).value())
                .isEqualTo("Caf\u00e9");
        assertThat(((GetParameterValuesResponse) ACS.decode(xml).message()).parameterList().get(0).value())
                .isEqualTo("Caf\u00e9");
    }

    @Test
    void httpCharsetAppliesWithoutDeclaredEncoding() throws CwmpDecodeException {
        byte[] noDecl = gpvResponse("<Value>Caf\u00e9</Value>").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(((GetParameterValuesResponse) ACS.decode(noDecl, "ISO-8859-1").message()).parameterList().get(0)
                .value()).isEqualTo("Caf\u00e9");
        byte[] declWithoutEncoding = ("<?xml version=\"1.0\"?>" + gpvResponse("<Value>Caf\u00e9</Value>"))
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(((GetParameterValuesResponse) ACS.decode(declWithoutEncoding, "\"iso-8859-1\"").message())
                .parameterList().get(0).value()).isEqualTo("Caf\u00e9");
    }

    @Test
    void utf8IsTheDefaultAndUnknownCharsetsFallBackToIt() throws CwmpDecodeException {
        byte[] utf8 = gpvResponse("<Value>Caf\u00e9 \u20ac</Value>").getBytes(StandardCharsets.UTF_8);
        assertThat(((GetParameterValuesResponse) ACS.decode(utf8).message()).parameterList().get(0).value())
                .isEqualTo("Caf\u00e9 \u20ac");
        assertThat(((GetParameterValuesResponse) ACS.decode(utf8, "no-such-charset").message()).parameterList().get(0)
                .value()).isEqualTo("Caf\u00e9 \u20ac");
    }

    @Test
    void utf16WithBom() throws CwmpDecodeException {
        byte[] utf16 = ("\n<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + gpvResponse("<Value>\u20ac</Value>"))
                .getBytes(StandardCharsets.UTF_16);
        assertThat(((GetParameterValuesResponse) ACS.decode(utf16).message()).parameterList().get(0).value())
                .isEqualTo("\u20ac");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<Value xsi:type=\"xsd:string\">v</Value>|xsd:string",
        "<Value xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xs:unsignedInt\">v</Value>|xsd:unsignedInt",
        "<Value xmlns:s=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"s:boolean\">v</Value>|xsd:boolean",
        "<Value xmlns:xsd=\"http://www.w3.org/1999/XMLSchema\" xsi:type=\"xsd:int\">v</Value>|xsd:int",
        "<Value xsi:type=\"xsd:base64\">v</Value>|xsd:base64",
        "<Value xmlns:enc=\"http://schemas.xmlsoap.org/soap/encoding/\" xsi:type=\"enc:base64\">v</Value>|xsd:base64",
        "<Value xsi:type=\"dateTime\">v</Value>|xsd:dateTime",
        "<Value xsi:type=\"undeclared:long\">v</Value>|xsd:long",
        "<Value xsi:type=\" xsd:string \">v</Value>|xsd:string",
        "<Value>v</Value>|xsd:string",
        "<Value xsi:type=\"\">v</Value>|xsd:string",
        "<Value type=\"xsd:unsignedInt\">v</Value>|xsd:unsignedInt",
        "<Value xmlns:v=\"urn:vendor\" xsi:type=\"v:Special\">v</Value>|v:Special",
    })
    void valueTypeIsNormalisedToTheXsdPrefix(String value, String type) throws CwmpDecodeException {
        assertThat(onlyValue(gpvResponse(value))).isEqualTo(new ParameterValueStruct("A.B", "v", type));
    }

    @Test
    void valueTextIsKeptExactly() throws CwmpDecodeException {
        assertThat(onlyValue(gpvResponse("<Value>  padded  </Value>")).value()).isEqualTo("  padded  ");
        assertThat(onlyValue(gpvResponse("<Value><![CDATA[<raw> & ]]>x<!-- c -->y</Value>")).value())
                .isEqualTo("<raw> & xy");
        assertThat(onlyValue(gpvResponse("<Value>a&#13;&#10;b</Value>")).value()).isEqualTo("a\r\nb");
        assertThat(onlyValue(gpvResponse("<Value/>")).value()).isEmpty();
        assertThat(onlyValue(gpvResponse("<Value>x<junk>ignored</junk>y</Value>")).value()).isEqualTo("xy");
    }

    @ParameterizedTest
    @CsvSource({"1,true", "true,true", "TRUE,true", " 1 ,true", "0,false", "false,false", "'',false", "30,true",
        "yes,false"})
    void booleanLexicalForms(String lexical, boolean expected) throws CwmpDecodeException {
        CwmpEnvelope e = decode(envelope("", "<cwmp:GetParameterNamesResponse><ParameterList><ParameterInfoStruct>"
                + "<Name>A.</Name><Writable>" + lexical + "</Writable></ParameterInfoStruct></ParameterList>"
                + "</cwmp:GetParameterNamesResponse>"));
        assertThat(((GetParameterNamesResponse) e.message()).parameterList().get(0).writable()).isEqualTo(expected);
    }

    @Test
    void integersWithLeadingZerosSignsAndSpaces() throws CwmpDecodeException {
        CwmpEnvelope e = decode(envelope("", "<cwmp:AddObjectResponse><InstanceNumber> 0042 </InstanceNumber>"
                + "<Status>+0</Status></cwmp:AddObjectResponse>"));
        assertThat(e.message()).isEqualTo(new AddObjectResponse(42, 0));
        CwmpEnvelope empty = decode(envelope("", "<cwmp:SetParameterValuesResponse><Status/></cwmp:SetParameterValuesResponse>"));
        assertThat(empty.message()).isEqualTo(new SetParameterValuesResponse(0));
    }

    @Test
    void anyPrefixesUnqualifiedOrQualifiedChildrenAndUnknownElements() throws CwmpDecodeException {
        String xml = "<E:Envelope xmlns:E=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:c=\"urn:dslforum-org:cwmp-1-1\">"
                + "<E:Header><c:ID>abc</c:ID><c:X_Vendor>1</c:X_Vendor><other:H xmlns:other=\"urn:o\">x</other:H></E:Header>"
                + "<E:Body><c:Inform><c:DeviceId><c:Manufacturer>M</c:Manufacturer><OUI>ABCDEF</OUI>"
                + "<c:ProductClass>P</c:ProductClass><SerialNumber>S</SerialNumber><Extra>e</Extra></c:DeviceId>"
                + "<X_Unknown><deep><deeper/></deep></X_Unknown>"
                + "<Event><EventStruct><EventCode>2 PERIODIC</EventCode></EventStruct></Event>"
                + "<MaxEnvelopes>1</MaxEnvelopes><RetryCount>3</RetryCount><CurrentTime>2024-01-01T00:00:00Z</CurrentTime>"
                + "<ParameterList><item><Name>A.B</Name><Value>1</Value><Junk/></item></ParameterList>"
                + "</c:Inform><c:SecondMessageIgnored/></E:Body></E:Envelope>";
        CwmpEnvelope e = decode(xml);
        assertThat(e.version()).isEqualTo(CwmpVersion.V1_1);
        assertThat(e.header()).isEqualTo(CwmpHeader.withId("abc"));
        assertThat(e.message()).isEqualTo(new Inform(new DeviceIdStruct("M", "ABCDEF", "P", "S"),
                List.of(EventStruct.of(EventStruct.PERIODIC)), 1, "2024-01-01T00:00:00Z", 3,
                List.of(ParameterValueStruct.string("A.B", "1"))));
    }

    @Test
    void unqualifiedBodyElementWithoutCwmpNamespaceIsVersion10() throws CwmpDecodeException {
        CwmpEnvelope e = decode("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<Reboot><CommandKey>k</CommandKey></Reboot></s:Body></s:Envelope>");
        assertThat(e.version()).isEqualTo(CwmpVersion.V1_0);
        assertThat(e.header()).isEqualTo(CwmpHeader.EMPTY);
        assertThat(e.message()).isEqualTo(new Reboot("k"));
    }

    @Test
    void mustUnderstandFormsAreAllAccepted() throws CwmpDecodeException {
        for (String mu : new String[] {"soapenv:mustUnderstand=\"1\"", "soapenv:mustUnderstand=\"true\"",
            "soapenv:mustUnderstand=\"0\"", ""}) {
            CwmpEnvelope e = decode(envelope("<cwmp:ID " + mu + ">id</cwmp:ID><cwmp:HoldRequests " + mu
                    + ">true</cwmp:HoldRequests>", "<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>"));
            assertThat(e.header()).as(mu).isEqualTo(new CwmpHeader("id", true, null, null, null, null));
        }
    }

    @Test
    void idIsKeptExactly() throws CwmpDecodeException {
        assertThat(decode(envelope("<cwmp:ID soapenv:mustUnderstand=\"1\"> a&amp;b </cwmp:ID>",
                "<cwmp:GetRPCMethods/>")).header().id()).isEqualTo(" a&b ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|V1_2",
        "<cwmp:SessionTimeout>30</cwmp:SessionTimeout>|V1_3",
        "<cwmp:SupportedCWMPVersions>1.0,1.4</cwmp:SupportedCWMPVersions>|V1_4",
        "<cwmp:SupportedCWMPVersions> 1.0 , 1.3 </cwmp:SupportedCWMPVersions>|V1_3",
        "<cwmp:SupportedCWMPVersions>1.0,1.1</cwmp:SupportedCWMPVersions>|V1_2",
        "<cwmp:SupportedCWMPVersions>1.0,2.7</cwmp:SupportedCWMPVersions><cwmp:SessionTimeout>5</cwmp:SessionTimeout>|V1_2",
        "<cwmp:SessionTimeout>30</cwmp:SessionTimeout><cwmp:SupportedCWMPVersions>1.0,1.4</cwmp:SupportedCWMPVersions>|V1_4",
        "<cwmp:UseCWMPVersion>1.3</cwmp:UseCWMPVersion>|V1_3",
    })
    void versionInTheSharedNamespace(String headers, CwmpVersion expected) throws CwmpDecodeException {
        String xml = envelope(headers, "<cwmp:GetRPCMethods/>").replace("cwmp-1-0", "cwmp-1-2");
        assertThat(decode(xml).version()).isEqualTo(expected);
    }

    @Test
    void versionFromHeaderWhenBodyIsUnqualified() throws CwmpDecodeException {
        String xml = envelope("<cwmp:ID>1</cwmp:ID>", "<Reboot/>").replace("cwmp-1-0", "cwmp-1-1");
        assertThat(decode(xml).version()).isEqualTo(CwmpVersion.V1_1);
    }

    @Test
    void faultVariants() throws CwmpDecodeException {
        assertThat(decode(envelope("", "<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>CWMP fault"
                + "</faultstring><detail><cwmp:Fault><FaultCode>9002</FaultCode><FaultString>Internal</FaultString>"
                + "</cwmp:Fault></detail></soapenv:Fault>")).message())
                .isEqualTo(new CwmpFault("Server", 9002, "Internal", List.of()));
        // a generic SOAP fault without CWMP detail still arrives as a fault
        assertThat(decode(envelope("", "<soapenv:Fault><faultcode>x:Client</faultcode><faultstring>Bad request"
                + "</faultstring></soapenv:Fault>")).message())
                .isEqualTo(new CwmpFault("Client", 0, "Bad request", List.of()));
        // fault detail qualified with another prefix for the same namespace; version taken from it
        CwmpEnvelope v12 = decode("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Body><soapenv:Fault><faultcode>Client</faultcode><faultstring>CWMP fault</faultstring>"
                + "<detail><c:Fault xmlns:c=\"urn:dslforum-org:cwmp-1-2\"><FaultCode>9005</FaultCode></c:Fault></detail>"
                + "</soapenv:Fault></soapenv:Body></soapenv:Envelope>");
        assertThat(v12.version()).isEqualTo(CwmpVersion.V1_2);
        assertThat(v12.message()).isEqualTo(new CwmpFault("Client", 9005, "", List.of()));
    }

    @Test
    void duStateChangeCompleteInBothForms() throws CwmpDecodeException {
        String fields = "<UUID>" + Samples.UUID + "</UUID><DeploymentUnitRef>D.1</DeploymentUnitRef><Version>1</Version>"
                + "<CurrentState>Installed</CurrentState><Resolved>1</Resolved><ExecutionUnitRefList/>"
                + "<StartTime>s</StartTime><CompleteTime>c</CompleteTime><Fault><FaultCode>0</FaultCode></Fault>";
        OpResultStruct expected = new OpResultStruct(Samples.UUID, "D.1", "1", "Installed", true, "s", "c", FaultStruct.NONE);
        DUStateChangeComplete schemaForm = (DUStateChangeComplete) decode(envelope("", "<cwmp:DUStateChangeComplete>"
                + "<Results>" + fields + "</Results><Results>" + fields + "</Results><CommandKey>k</CommandKey>"
                + "</cwmp:DUStateChangeComplete>")).message();
        assertThat(schemaForm).isEqualTo(new DUStateChangeComplete("k", List.of(expected, expected)));
        DUStateChangeComplete arrayForm = (DUStateChangeComplete) decode(envelope("", "<cwmp:DUStateChangeComplete>"
                + "<Results><OpResultStruct>" + fields + "</OpResultStruct><OpResultStruct>" + fields
                + "</OpResultStruct></Results><CommandKey>k</CommandKey></cwmp:DUStateChangeComplete>")).message();
        assertThat(arrayForm).isEqualTo(schemaForm);
    }

    @Test
    void missingFieldsTakeNeutralValues() throws CwmpDecodeException {
        assertThat(decode(envelope("", "<cwmp:TransferComplete/>")).message())
                .isEqualTo(new TransferComplete("", FaultStruct.NONE, "", ""));
        assertThat(decode(envelope("", "<cwmp:Inform/>")).message()).isEqualTo(new Inform(
                new DeviceIdStruct("", "", "", ""), List.of(), 0, "", 0, List.of()));
        assertThat(decode(envelope("", "<cwmp:GetParameterValues/>")).message())
                .isEqualTo(new GetParameterValues(List.of()));
    }
}
