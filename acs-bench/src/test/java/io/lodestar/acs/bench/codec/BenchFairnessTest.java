package io.lodestar.acs.bench.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.acs.codec.CodecLimits;
import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.codec.StaxCwmpCodec;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contenders of the codec benchmarks do the same work: SAAJ plus its DOM walk yields the very envelope
 * the StAX codec yields, and all writers produce XML that decodes to the benchmarked envelope.
 */
class BenchFairnessTest {

    private final StaxCwmpCodec codec = new StaxCwmpCodec(CodecLimits.DEFAULT);

    @ParameterizedTest
    @ValueSource(strings = {"simulatr69-inform-request.xml", "thomson-st706-inform-periodic.xml",
        "thomson-st780-gpnresponse-3343-params.xml", "thomson-bant-w-61775-gpvresponse.xml"})
    void saajReaderExtractsWhatTheCodecExtracts(String file) throws Exception {
        byte[] body = BenchMessages.message(file);
        assertThat(new SaajCwmpReader().decode(body)).isEqualTo(codec.decode(body));
    }

    @Test
    void everyWriterProducesTheBenchmarkedEnvelope() throws Exception {
        CwmpEnvelope response = BenchMessages.gpvResponse64();
        assertThat(codec.decode(codec.encode(response))).isEqualTo(response);
        assertThat(codec.decode(XmlStreamWriterCodec.create()
                .encode(response))).isEqualTo(response);
        assertThat(codec.decode(new SaajCwmpWriter().encode(response))).isEqualTo(response);
        CwmpEnvelope request = BenchMessages.gpvRequest64();
        assertThat(CwmpCodec.forCpe().decode(codec.encode(request))).isEqualTo(request);
    }
}
