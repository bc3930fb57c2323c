package io.lodestar.acs.bench.codec;

import io.lodestar.acs.codec.CodecLimits;
import io.lodestar.acs.codec.CwmpDecodeException;
import io.lodestar.acs.codec.StaxCwmpCodec;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.InformResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The codec's share of a plain periodic session, as the ACS runs it: the Inform parsed (a typical Device:2 Inform
 * from the corpus) and the InformResponse written. The other exchange of such a session is an empty POST answered
 * 204, which the codec never sees.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PeriodicSessionCodecBenchmark {

    private byte[] inform;
    private StaxCwmpCodec codec;
    private CwmpEnvelope informResponse;

    @Setup
    public void setUp() {
        inform = BenchMessages.message("simulatr69-inform-request.xml");
        codec = new StaxCwmpCodec(CodecLimits.DEFAULT);
        informResponse = new CwmpEnvelope(CwmpVersion.V1_2, CwmpHeader.withId("1"), new InformResponse(1));
    }

    @Benchmark
    public CwmpEnvelope informParse() throws CwmpDecodeException {
        return codec.decode(inform);
    }

    @Benchmark
    public byte[] informResponseWrite() {
        return codec.encode(informResponse);
    }
}
