package io.lodestar.acs.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The UTF-8 check agrees with the JDK decoder, and malformed UTF-8 bodies still decode. */
class Utf8Test {

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void agreesWithTheJdkDecoder() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[1 + random.nextInt(8)];
            random.nextBytes(b);
            assertThat(Utf8.isWellFormed(b, 0, b.length)).as("%s", java.util.Arrays.toString(b)).isEqualTo(jdkAccepts(b));
        }
        byte[] text = "ascii \u00e9 \u20ac \uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isWellFormed(text, 0, text.length)).isTrue();
        assertThat(Utf8.isWellFormed(text, 0, text.length - 1)).isFalse();
    }

    @Test
    void latin1InAnUndeclaredBodyDecodesWithReplacement() throws CwmpDecodeException {
        String xml = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:c=\"urn:dslforum-org:cwmp-1-0\">"
                + "<s:Body><c:GetParameterValuesResponse><ParameterList><P><Name>A</Name><Value>Caf\u00e9</Value></P>"
                + "</ParameterList></c:GetParameterValuesResponse></s:Body></s:Envelope>";
        GetParameterValuesResponse r = (GetParameterValuesResponse) CwmpCodec.standard()
                .decode(xml.getBytes(StandardCharsets.ISO_8859_1)).message();
        assertThat(r.parameterList().get(0).value()).isEqualTo("Caf\uFFFD");
    }
}
