package io.lodestar.acs.bench.codec;

import io.lodestar.acs.codec.CodecLimits;
import io.lodestar.acs.codec.StaxCwmpCodec;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode (docs/codec.md): a 64-parameter GetParameterValuesResponse (what the simulator sends) and a
 * 64-name GetParameterValues (what the ACS sends), through the codec's StringBuilder writer
 * ({@code TextXmlSink}, the one in use), the JDK XMLStreamWriter ({@code StaxXmlSink}, through
 * {@link XmlStreamWriterCodec}) and, for the
 * response, SAAJ's object model and {@code writeTo} ({@link SaajCwmpWriter}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecEncodeBenchmark {

    private StaxCwmpCodec stringBuilder;
    private StaxCwmpCodec xmlStreamWriter;
    private SaajCwmpWriter saaj;
    private CwmpEnvelope gpvResponse;
    private CwmpEnvelope gpvRequest;

    @Setup
    public void setUp() {
        stringBuilder = new StaxCwmpCodec(CodecLimits.DEFAULT);
        xmlStreamWriter = XmlStreamWriterCodec.create();
        saaj = new SaajCwmpWriter();
        gpvResponse = BenchMessages.gpvResponse64();
        gpvRequest = BenchMessages.gpvRequest64();
    }

    @Benchmark
    public byte[] gpvResponseStringBuilder() {
        return stringBuilder.encode(gpvResponse);
    }

    @Benchmark
    public byte[] gpvResponseXmlStreamWriter() {
        return xmlStreamWriter.encode(gpvResponse);
    }

    @Benchmark
    public byte[] gpvResponseSaaj() throws Exception {
        return saaj.encode(gpvResponse);
    }

    @Benchmark
    public byte[] gpvRequestStringBuilder() {
        return stringBuilder.encode(gpvRequest);
    }

    @Benchmark
    public byte[] gpvRequestXmlStreamWriter() {
        return xmlStreamWriter.encode(gpvRequest);
    }
}
