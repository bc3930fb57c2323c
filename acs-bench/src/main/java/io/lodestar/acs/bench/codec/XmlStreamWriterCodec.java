package io.lodestar.acs.bench.codec;

import io.lodestar.acs.codec.CodecLimits;
import io.lodestar.acs.codec.CodecSide;
import io.lodestar.acs.codec.StaxCwmpCodec;

import java.lang.reflect.Constructor;
import java.util.function.Supplier;

/**
 * The codec writing through the JDK XMLStreamWriter ({@code StaxXmlSink}) instead of its StringBuilder writer.
 * That choice is package-private in acs-codec (it is not product API), so the benchmarks, which live in a
 * package of their own, reach it by reflection once at setup; the measured calls are plain calls.
 */
final class XmlStreamWriterCodec {

    private XmlStreamWriterCodec() {}

    static StaxCwmpCodec create() {
        try {
            Constructor<?> sink = Class.forName("io.lodestar.acs.codec.StaxXmlSink").getDeclaredConstructor();
            sink.setAccessible(true);
            Supplier<Object> sinks = () -> {
                try {
                    return sink.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create the codec's StaxXmlSink", e);
                }
            };
            Constructor<StaxCwmpCodec> codec = StaxCwmpCodec.class.getDeclaredConstructor(CodecLimits.class,
                    CodecSide.class, Supplier.class);
            codec.setAccessible(true);
            return codec.newInstance(CodecLimits.DEFAULT, CodecSide.ACS, sinks);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("acs-codec no longer has the package-private StaxCwmpCodec(limits, side, "
                    + "sinks) constructor or StaxXmlSink the benchmark compares: " + e, e);
        }
    }
}
