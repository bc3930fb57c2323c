package io.lodestar.acs.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.UnknownMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoder cannot be made to expand entities, read files, or spend unbounded effort on one body. */
class HardeningTest {

    private static final CwmpCodec CODEC = CwmpCodec.standard();

    private static final String HEAD = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\"><soapenv:Header><cwmp:ID soapenv:mustUnderstand=\"1\">7"
            + "</cwmp:ID></soapenv:Header><soapenv:Body>";
    private static final String TAIL = "</soapenv:Body></soapenv:Envelope>";

    private static CwmpDecodeException decodeFailure(String xml) {
        return decodeFailure(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static CwmpDecodeException decodeFailure(byte[] body) {
        try {
            CwmpEnvelope e = CODEC.decode(body);
            throw new AssertionError("decoded, but should not: " + e);
        } catch (CwmpDecodeException e) {
            return e;
        }
    }

    private static String fullMessages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c).append('\n');
        }
        return b.toString();
    }

    @Test
    void doctypeIsRejected() {
        CwmpDecodeException e = decodeFailure("<?xml version=\"1.0\"?><!DOCTYPE Envelope []>" + HEAD
                + "<cwmp:GetRPCMethods/>" + TAIL);
        assertThat(e.isSoap()).isFalse();
        assertThat(e.getMessage()).contains("DOCTYPE");
    }

    @Test
    void billionLaughsIsRejectedQuickly() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        long start = System.nanoTime();
        CwmpDecodeException e = decodeFailure(dtd + HEAD + "<cwmp:Reboot><CommandKey>&lol9;</CommandKey>"
                + "</cwmp:Reboot>" + TAIL);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
        assertThat(e.isSoap()).isFalse();
    }

    @Test
    void externalEntityIsNotResolvedAndFileContentNotLeaked(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-4711");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + HEAD + "<cwmp:Reboot><CommandKey>&xxe;</CommandKey></cwmp:Reboot>" + TAIL;
        CwmpDecodeException e = decodeFailure(xxe);
        assertThat(fullMessages(e)).doesNotContain("TOP-SECRET-4711");
        assertThat(e.isSoap()).isFalse();
    }

    @Test
    void externalEntityWithoutDoctypeDeclarationIsAnError() {
        // an undeclared entity reference is a well-formedness error, never a lookup
        CwmpDecodeException e = decodeFailure(HEAD + "<cwmp:Reboot><CommandKey>&xxe;</CommandKey></cwmp:Reboot>" + TAIL);
        assertThat(e.isSoap()).isTrue();
        assertThat(e.cwmpId()).isEqualTo("7");
    }

    @Test
    void tooDeepIsRejected() {
        CwmpCodec codec = new StaxCwmpCodec(new CodecLimits(16, 1000, 1000));
        String deep = "<a>".repeat(20) + "</a>".repeat(20);
        assertThatThrownBy(() -> codec.decode((HEAD + "<cwmp:GetRPCMethods>" + deep + "</cwmp:GetRPCMethods>" + TAIL)
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CwmpDecodeException.class).hasMessageContaining("deeper than 16")
                .satisfies(t -> assertThat(((CwmpDecodeException) t).cwmpId()).isEqualTo("7"));
    }

    @Test
    void defaultDepthLimitStopsDeepNesting() {
        String deep = "<a>".repeat(5000) + "</a>".repeat(5000);
        CwmpDecodeException e = decodeFailure(HEAD + "<cwmp:GetRPCMethods>" + deep + "</cwmp:GetRPCMethods>" + TAIL);
        assertThat(e.getMessage()).contains("deeper than " + CodecLimits.DEFAULT.maxDepth());
    }

    @Test
    void tooManyElementsIsRejected() {
        CwmpCodec codec = new StaxCwmpCodec(new CodecLimits(32, 100, 1000));
        String many = "<string>x</string>".repeat(200);
        assertThatThrownBy(() -> codec.decode((HEAD + "<cwmp:GetParameterValues><ParameterNames>" + many
                + "</ParameterNames></cwmp:GetParameterValues>" + TAIL).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CwmpDecodeException.class).hasMessageContaining("more than 100 elements");
    }

    @Test
    void tooLongTextIsRejected() {
        CwmpCodec codec = new StaxCwmpCodec(new CodecLimits(32, 1000, 1000));
        String longValue = "x".repeat(5000);
        assertThatThrownBy(() -> codec.decode((HEAD + "<cwmp:Reboot><CommandKey>" + longValue
                + "</CommandKey></cwmp:Reboot>" + TAIL).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CwmpDecodeException.class).hasMessageContaining("longer than 1000");
    }

    @Test
    void tooLongAttributeValueIsRejected() {
        CwmpCodec codec = new StaxCwmpCodec(new CodecLimits(32, 1000, 1000));
        assertThatThrownBy(() -> codec.decode((HEAD + "<cwmp:GetParameterValuesResponse><ParameterList><P><Name>A</Name>"
                + "<Value type=\"" + "t".repeat(2000) + "\">v</Value></P></ParameterList>"
                + "</cwmp:GetParameterValuesResponse>" + TAIL).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CwmpDecodeException.class).hasMessageContaining("attribute value longer than 1000");
    }

    @Test
    void anElementWithMoreAttributesThanAnyCwmpElementCarriesIsRefused() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i <= HardenedXmlInput.MAX_ATTRIBUTES_PER_ELEMENT; i++) {
            attributes.append(" a").append(i).append("=\"x\"");
        }
        CwmpDecodeException e = decodeFailure(HEAD + "<cwmp:Reboot" + attributes + "><CommandKey>k</CommandKey>"
                + "</cwmp:Reboot>" + TAIL);
        assertThat(e.getMessage()).contains("malformed XML").containsIgnoringCase("attribute limit");
    }

    /** A parser's table of the names it has seen must not grow with every new name a sender makes up. */
    @Test
    void messagesFullOfNamesNeverSeenBeforeLeaveNothingBehind() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long before = usedHeapAfterGc();
        for (int i = 0; i < 10_000; i++) {
            StringBuilder body = new StringBuilder(HEAD).append("<cwmp:X_Made_Up>");
            for (int j = 0; j < 10; j++) {
                String name = "n" + Long.toHexString(random.nextLong());
                body.append('<').append(name).append(" a").append(Long.toHexString(random.nextLong()))
                        .append("=\"1\" xmlns:p").append(j).append("=\"urn:").append(Long.toHexString(random.nextLong()))
                        .append("\"/>");
            }
            CODEC.decode(body.append("</cwmp:X_Made_Up>").append(TAIL).toString().getBytes(StandardCharsets.UTF_8));
        }
        // 300,000 distinct names and namespaces: tens of MB if any table kept them
        assertThat(usedHeapAfterGc() - before).isLessThan(16L * 1024 * 1024);
    }

    @Test
    void tooLongTextSplitIntoChunksIsRejected() {
        // text interrupted by comments and CDATA arrives in pieces; the sum counts
        CwmpCodec codec = new StaxCwmpCodec(new CodecLimits(32, 1000, 1000));
        String piece = "y".repeat(400);
        String value = piece + "<!--c-->" + piece + "<![CDATA[" + piece + "]]>";
        assertThatThrownBy(() -> codec.decode((HEAD + "<cwmp:Reboot><CommandKey>" + value
                + "</CommandKey></cwmp:Reboot>" + TAIL).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CwmpDecodeException.class).hasMessageContaining("longer than 1000");
    }

    @Test
    void limitsAdmitTheLargestCorpusMessage() throws CwmpDecodeException {
        CwmpEnvelope e = CODEC.decode(Conformance.message("thomson-st780-gpnresponse-3343-params.xml"));
        assertThat(e.message().methodName()).isEqualTo("GetParameterNamesResponse");
    }

    @Test
    void garbageBytesAreNotSoap() {
        byte[] garbage = new byte[512];
        ThreadLocalRandom.current().nextBytes(garbage);
        garbage[0] = 0x01;
        assertThat(decodeFailure(garbage).isSoap()).isFalse();
        assertThat(decodeFailure("GET / HTTP/1.1\r\n\r\n").isSoap()).isFalse();
        assertThat(decodeFailure("{\"json\": true}").isSoap()).isFalse();
    }

    @Test
    void malformedInputLeavesNoTraceOnStderr() {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < 300; i++) {
                byte[] body = new byte[1 + random.nextInt(100)];
                random.nextBytes(body);
                body[0] = '<';
                decodeFailure(body);
            }
            decodeFailure(HEAD + "<cwmp:Inform><<>>" + TAIL);
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void emptyBodiesAreNotSoap() {
        assertThat(decodeFailure(new byte[0]).isSoap()).isFalse();
        assertThat(decodeFailure(" \r\n\t").isSoap()).isFalse();
        assertThat(decodeFailure(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).isSoap()).isFalse();
        assertThatThrownBy(() -> CODEC.decode(null)).isInstanceOf(CwmpDecodeException.class);
    }

    @Test
    void nonSoapXmlIsNotSoap() {
        CwmpDecodeException e = decodeFailure("<?xml version=\"1.0\"?><html><body>hello</body></html>");
        assertThat(e.isSoap()).isFalse();
        // SOAP 1.2 is no CWMP transport either
        assertThat(decodeFailure("<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body/>"
                + "</e:Envelope>").isSoap()).isFalse();
        // an Envelope element in no namespace is not a SOAP envelope
        assertThat(decodeFailure("<Envelope><Body><Inform/></Body></Envelope>").isSoap()).isFalse();
    }

    @Test
    void truncatedEnvelopeIsSoapWithTheIdReadSoFar() {
        CwmpDecodeException e = decodeFailure(HEAD + "<cwmp:GetParameterValuesResponse><ParameterList>");
        assertThat(e.isSoap()).isTrue();
        assertThat(e.cwmpId()).isEqualTo("7");
    }

    @Test
    void envelopeWithEmptyBodyIsSoap() {
        CwmpDecodeException e = decodeFailure(HEAD + TAIL);
        assertThat(e.isSoap()).isTrue();
        assertThat(e.cwmpId()).isEqualTo("7");
        assertThat(decodeFailure(HEAD.replace("<soapenv:Body>", "<soapenv:Body/>")
                + "</soapenv:Envelope>").isSoap()).isTrue();
        assertThat(decodeFailure(HEAD + "  \r\n <!-- nothing --> " + TAIL).isSoap()).isTrue();
    }

    @Test
    void envelopeWithoutBodyIsSoap() {
        CwmpDecodeException e = decodeFailure("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Header/></soapenv:Envelope>");
        assertThat(e.isSoap()).isTrue();
    }

    @Test
    void unknownBodyElementIsUnknownMethod() throws CwmpDecodeException {
        CwmpEnvelope e = CODEC.decode((HEAD + "<cwmp:X_ACME_Frobnicate><Level>11</Level></cwmp:X_ACME_Frobnicate>" + TAIL)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(e.message()).isEqualTo(new UnknownMethod("X_ACME_Frobnicate", "urn:dslforum-org:cwmp-1-0"));
        assertThat(e.header().id()).isEqualTo("7");

        CwmpEnvelope foreign = CODEC.decode((HEAD + "<x:Inform xmlns:x=\"urn:other\"/>" + TAIL)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(foreign.message()).isEqualTo(new UnknownMethod("Inform", "urn:other"));
    }

    @Test
    void badNumberIsASoapError() {
        CwmpDecodeException e = decodeFailure(HEAD + "<cwmp:SetParameterValuesResponse><Status>zero</Status>"
                + "</cwmp:SetParameterValuesResponse>" + TAIL);
        assertThat(e.isSoap()).isTrue();
        assertThat(e.cwmpId()).isEqualTo("7");
        assertThat(e.getMessage()).contains("Status");
    }

    @Test
    void trailingJunkAfterTheEnvelopeIsNeverParsed() throws CwmpDecodeException {
        byte[] xml = (HEAD + "<cwmp:GetParameterValuesResponse><ParameterList/></cwmp:GetParameterValuesResponse>"
                + TAIL + "\0\0garbage<<<").getBytes(StandardCharsets.UTF_8);
        assertThat(CODEC.decode(xml).message()).isInstanceOf(GetParameterValuesResponse.class);
    }

    @Test
    void aReaderReusedOnOneThreadCarriesNothingFromTheMessageBeforeIt() throws Exception {
        String good = HEAD + "<cwmp:GetRPCMethods/>" + TAIL;
        String other = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + good.replace("cwmp-1-0", "cwmp-1-2").replace(">7<", ">8<");
        for (int round = 0; round < 3; round++) {
            assertThat(CODEC.decode(good.getBytes(StandardCharsets.UTF_8)).header().id()).isEqualTo("7");
            decodeFailure("<?xml version=\"1.0\"?><!DOCTYPE Envelope []>" + good);
            decodeFailure(HEAD + "<cwmp:GetRPCMethods>" + TAIL); // malformed: the reader is closed on failure too
            decodeFailure(good.substring(0, good.length() / 2)); // truncated
            CwmpEnvelope e = CODEC.decode(other.getBytes(StandardCharsets.UTF_8));
            assertThat(e.header().id()).isEqualTo("8");
            assertThat(e.version()).isNotEqualTo(CODEC.decode(good.getBytes(StandardCharsets.UTF_8)).version());
            assertThat(CODEC.decode(("  \n" + good).getBytes(StandardCharsets.ISO_8859_1)).header().id()).isEqualTo("7");
        }
    }

    @Test
    void bigMessagesAreDecodedBetweenSmallOnesWithNothingCarriedOver() throws Exception {
        String good = HEAD + "<cwmp:GetRPCMethods/>" + TAIL;
        String padding = "<!--" + "x".repeat(256 * 1024) + "-->";
        String big = good.replace(">7<", ">9<").replace("<cwmp:GetRPCMethods/>", padding + "<cwmp:GetRPCMethods/>");
        for (int round = 0; round < 3; round++) {
            assertThat(CODEC.decode(good.getBytes(StandardCharsets.UTF_8)).header().id()).isEqualTo("7");
            assertThat(CODEC.decode(big.getBytes(StandardCharsets.UTF_8)).header().id()).isEqualTo("9");
            decodeFailure(big.substring(0, big.length() - 40)); // truncated, on the one-off reader
        }
    }

    /**
     * The decoder stops at the end of the SOAP Body and closes its reader there, mid-document. The JDK's reused reader
     * (the parser before Woodstox) kept the entity (an 8 KB decoder buffer and the input) of every document closed
     * that way, for good: a 1 GB heap filled within minutes at a thousand sessions a second. Whatever the parser, a
     * reader closed mid-document must leave nothing behind.
     */
    @Test
    void decodingManyMessagesOnOneThreadKeepsNothingOfThem() throws Exception {
        byte[] good = (HEAD + "<cwmp:GetRPCMethods/>" + TAIL).getBytes(StandardCharsets.UTF_8);
        byte[] cut = (HEAD + "<cwmp:GetRPCMethods>").getBytes(StandardCharsets.UTF_8);
        byte[] trailing = (HEAD + "<cwmp:GetRPCMethods/>" + TAIL + "<extra/>").getBytes(StandardCharsets.UTF_8);
        long before = usedHeapAfterGc();
        for (int i = 0; i < 10_000; i++) {
            CODEC.decode(good);
            decodeFailure(cut);
            CODEC.decode(trailing); // what follows the envelope is not read: accepted as before
        }
        // 30,000 decodes: about 170 MB kept before the fix; a few MB of noise after it
        assertThat(usedHeapAfterGc() - before).isLessThan(40L * 1024 * 1024);
        assertThat(CODEC.decode(good).header().id()).isEqualTo("7");
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
