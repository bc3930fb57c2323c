package io.lodestar.acs.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.lodestar.acs.core.rpc.*;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact shape of what the codec writes, and that both XML writers agree. */
class EncodingTest {

    private static final CwmpCodec ACS = CwmpCodec.standard();
    private static final CwmpCodec STAX_WRITER = new StaxCwmpCodec(CodecLimits.DEFAULT, CodecSide.ACS, StaxXmlSink::new);

    private static String encode(CwmpVersion v, CwmpHeader h, CwmpMessage m) {
        return new String(ACS.encode(new CwmpEnvelope(v, h, m)), StandardCharsets.UTF_8);
    }

    @Test
    void noDeclarationThenPrefixesAndNamespace() {
        String xml = encode(CwmpVersion.V1_3, CwmpHeader.withId("x"), new InformResponse(1));
        assertThat(xml).startsWith("<soapenv:Envelope"
                + " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:cwmp=\"urn:dslforum-org:cwmp-1-2\">");
        assertThat(xml).contains("<soapenv:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes>"
                + "</cwmp:InformResponse></soapenv:Body></soapenv:Envelope>");
    }

    @Test
    void headerFieldsWithTheirMustUnderstand() {
        String xml = encode(CwmpVersion.V1_4, new CwmpHeader("42", true, false, 60, "1.0,1.4", "1.4"),
                new GetRPCMethods());
        assertThat(xml).contains("<soapenv:Header>"
                + "<cwmp:ID soapenv:mustUnderstand=\"1\">42</cwmp:ID>"
                + "<cwmp:HoldRequests soapenv:mustUnderstand=\"1\">1</cwmp:HoldRequests>"
                + "<cwmp:NoMoreRequests soapenv:mustUnderstand=\"0\">0</cwmp:NoMoreRequests>"
                + "<cwmp:SessionTimeout soapenv:mustUnderstand=\"0\">60</cwmp:SessionTimeout>"
                + "<cwmp:SupportedCWMPVersions soapenv:mustUnderstand=\"0\">1.0,1.4</cwmp:SupportedCWMPVersions>"
                + "<cwmp:UseCWMPVersion soapenv:mustUnderstand=\"1\">1.4</cwmp:UseCWMPVersion>"
                + "</soapenv:Header>");
    }

    @Test
    void noHeaderWhenNothingIsSet() {
        assertThat(encode(CwmpVersion.V1_0, CwmpHeader.EMPTY, new GetRPCMethods())).doesNotContain("Header")
                .contains("<soapenv:Body><cwmp:GetRPCMethods/></soapenv:Body>");
    }

    @Test
    void arraysCarryTheirTypeAndTrueCount() {
        String xml = encode(CwmpVersion.V1_0, null, new GetParameterValues(List.of("A.", "B.C")));
        assertThat(xml).contains("<ParameterNames soapenc:arrayType=\"xsd:string[2]\"><string>A.</string>"
                + "<string>B.C</string></ParameterNames>");
        String spv = encode(CwmpVersion.V1_0, null, new SetParameterValues(List.of(
                new ParameterValueStruct("A.B", "7", "xsd:unsignedInt")), "k"));
        assertThat(spv).contains("<ParameterList soapenc:arrayType=\"cwmp:ParameterValueStruct[1]\">"
                + "<ParameterValueStruct><Name>A.B</Name><Value xsi:type=\"xsd:unsignedInt\">7</Value>"
                + "</ParameterValueStruct></ParameterList><ParameterKey>k</ParameterKey>");
        assertThat(encode(CwmpVersion.V1_0, null, new GetParameterNamesResponse(List.of())))
                .contains("<ParameterList soapenc:arrayType=\"cwmp:ParameterInfoStruct[0]\"/>");
    }

    @Test
    void faultShape() {
        String xml = encode(CwmpVersion.V1_0, CwmpHeader.withId("9"), new CwmpFault("Client", 9003, "Invalid arguments",
                List.of(new CwmpFault.SetParameterValuesFault("A.B", 9007, "bad"))));
        assertThat(xml).contains("<soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode>"
                + "<faultstring>CWMP fault</faultstring><detail><cwmp:Fault><FaultCode>9003</FaultCode>"
                + "<FaultString>Invalid arguments</FaultString><SetParameterValuesFault><ParameterName>A.B"
                + "</ParameterName><FaultCode>9007</FaultCode><FaultString>bad</FaultString>"
                + "</SetParameterValuesFault></cwmp:Fault></detail></soapenv:Fault></soapenv:Body>");
        assertThat(encode(CwmpVersion.V1_0, null, CwmpFault.acs(CwmpFault.INTERNAL_ERROR, "oops")))
                .contains("<faultcode>soapenv:Server</faultcode>");
    }

    @Test
    void escapingAndCarriageReturnsSurvive() throws CwmpDecodeException {
        CwmpEnvelope e = new CwmpEnvelope(CwmpVersion.V1_2, CwmpHeader.withId("a\"b<c>&'"), new SetParameterValues(
                List.of(ParameterValueStruct.string("A.B", "line1\r\nline2\ttab ]]> <&> \"'")), "k"));
        String xml = new String(ACS.encode(e), StandardCharsets.UTF_8);
        assertThat(xml).contains("line1&#13;\nline2\ttab ]]&gt; &lt;&amp;&gt; \"'");
        assertThat(CwmpCodec.forCpe().decode(ACS.encode(e))).isEqualTo(e);
    }

    @Test
    void charactersXmlCannotCarryAreReplaced() throws CwmpDecodeException {
        CwmpEnvelope e = new CwmpEnvelope(CwmpVersion.V1_0, null, new GetParameterValuesResponse(
                List.of(ParameterValueStruct.string("A.B", "a\u0000b\u0007c\uFFFEd\uD800e\uD83D\uDE00"))));
        for (CwmpCodec codec : new CwmpCodec[] {ACS, STAX_WRITER}) {
            GetParameterValuesResponse back = (GetParameterValuesResponse) ACS.decode(codec.encode(e)).message();
            assertThat(back.parameterList().get(0).value()).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uD83D\uDE00");
        }
    }

    @Test
    void nullFieldsEncodeAsEmptyElements() throws CwmpDecodeException {
        List<CwmpMessage> sparse = List.of(
                new GetParameterNames(null, false),
                new AddObject(null, null),
                new Download(null, null, null, null, null, 0, null, 0, null, null),
                new Upload(null, null, null, null, null, 0),
                new ScheduleInform(0, null),
                new CancelTransfer(null),
                new DownloadResponse(0, null, null),
                new TransferComplete(null, null, null, null),
                new AutonomousTransferComplete(null, null, false, null, 0, null, null, null, null),
                new RequestDownload(null, List.of(new ArgStruct(null, null))),
                new DUStateChangeComplete(null, List.of(new OpResultStruct(null, null, null, null, false, null, null, null))),
                new GetAllQueuedTransfersResponse(List.of(new QueuedTransferStruct(null, 1, false, null, 0, null))),
                new Inform(null, List.of(), 1, null, 0, List.of()),
                new CwmpFault(null, 9002, null, List.of(new CwmpFault.SetParameterValuesFault(null, 9007, null))));
        for (CwmpMessage m : sparse) {
            for (CwmpCodec codec : new CwmpCodec[] {ACS, STAX_WRITER}) {
                byte[] xml = codec.encode(new CwmpEnvelope(CwmpVersion.V1_2, null, m));
                assertThat(ACS.decode(xml).message().methodName()).isEqualTo(m.methodName());
            }
        }
    }

    @Test
    void unknownTimeWhereTheSchemaNeedsADateTime() {
        String xml = encode(CwmpVersion.V1_0, null, new DownloadResponse(1, null, ""));
        assertThat(xml).contains("<StartTime>0001-01-01T00:00:00Z</StartTime><CompleteTime>0001-01-01T00:00:00Z"
                + "</CompleteTime>");
        assertThatCode(() -> CwmpSchemas.validate(CwmpVersion.V1_0.namespace(), xml.getBytes(StandardCharsets.UTF_8)))
                .doesNotThrowAnyException();
    }

    @Test
    void bothWritersProduceTheSameEnvelopes() throws Exception {
        for (CwmpVersion v : CwmpVersion.values()) {
            for (CwmpMessage m : Samples.all()) {
                CwmpEnvelope e = new CwmpEnvelope(v, Samples.header(v, Samples.fromAcs(m)), m);
                byte[] stax = STAX_WRITER.encode(e);
                assertThat(ACS.decode(stax)).isEqualTo(ACS.decode(ACS.encode(e)));
                if (Samples.existsIn(m, v)) {
                    CwmpSchemas.validate(v.namespace(), stax);
                }
            }
        }
    }
}
