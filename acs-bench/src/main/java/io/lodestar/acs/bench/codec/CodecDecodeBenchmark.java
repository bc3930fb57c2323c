package io.lodestar.acs.bench.codec;

import io.lodestar.acs.codec.CodecLimits;
import io.lodestar.acs.codec.CwmpDecodeException;
import io.lodestar.acs.codec.StaxCwmpCodec;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decode, SAAJ versus StAX (docs/codec.md): the same corpus bytes through {@link StaxCwmpCodec} and through
 * SAAJ plus a DOM walk that builds the same records ({@link SaajCwmpReader}). A typical Device:2 Inform, a
 * CWMP 1.0 Thomson Inform with its odd prefixes, and the 590 KB 3343-entry GetParameterNamesResponse.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecDecodeBenchmark {

    @Param({"simulatr69-inform-request.xml", "thomson-st706-inform-periodic.xml",
        "thomson-st780-gpnresponse-3343-params.xml"})
    public String message;

    private byte[] body;
    private StaxCwmpCodec stax;
    private SaajCwmpReader saaj;

    @Setup
    public void setUp() {
        body = BenchMessages.message(message);
        stax = new StaxCwmpCodec(CodecLimits.DEFAULT);
        saaj = new SaajCwmpReader();
    }

    @Benchmark
    public CwmpEnvelope stax() throws CwmpDecodeException {
        return stax.decode(body);
    }

    @Benchmark
    public CwmpEnvelope saaj() throws Exception {
        return saaj.decode(body);
    }
}
