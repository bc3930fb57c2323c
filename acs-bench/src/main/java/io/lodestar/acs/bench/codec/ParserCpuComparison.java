package io.lodestar.acs.bench.codec;

import com.ctc.wstx.stax.WstxInputFactory;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.io.Stax2ByteArraySource;

/**
 * The parser decision of docs/codec.md ("The parser"): the JDK's StAX parser against Woodstox, each set up as the
 * codec sets it up, reading whole corpus messages. Not JMH, on purpose: on a shared 2-core machine JMH's
 * one-benchmark-after-the-other runs drift with the neighbours' load by more than the difference sought; here the
 * parsers take turns in 150 ms slices, 30 rounds each, and each slice is measured in the thread's own CPU time
 * (and bytes allocated), so a neighbour's load slows both alike. Prints the median of the last 20 rounds.
 *
 * <pre>java -cp acs-bench/target/acs-bench-0.1.0-SNAPSHOT.jar:acs-bench/target/lib/* \
 *     io.lodestar.acs.bench.codec.ParserCpuComparison</pre>
 */
public final class ParserCpuComparison {

    private static final List<String> MESSAGES = List.of("simulatr69-inform-request.xml",
            "thomson-st706-inform-periodic.xml", "thomson-st780-gpnresponse-3343-params.xml");
    private static final int ROUNDS = 30;
    private static final int COUNTED = 20;
    private static final long SLICE_NANOS = 150_000_000L;

    private ParserCpuComparison() {}

    /** One way of reading a message to its end. */
    private interface Parser {
        XMLStreamReader open(byte[] body) throws XMLStreamException;
    }

    public static void main(String[] args) throws XMLStreamException {
        XMLInputFactory jdk = XMLInputFactory.newDefaultFactory();
        jdk.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        jdk.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        jdk.setProperty("reuse-instance", Boolean.TRUE); // as the codec had it: one reader per thread, reset
        XMLInputFactory2 woodstox = new WstxInputFactory();
        woodstox.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        woodstox.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        String[] names = {"jdk", "woodstox"};
        Parser[] parsers = {
            body -> jdk.createXMLStreamReader(new ByteArrayInputStream(body), "UTF-8"),
            body -> woodstox.createXMLStreamReader(new Stax2ByteArraySource(body, 0, body.length)),
        };
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        System.out.println("| message | bytes | parser | CPU µs per message (median) | bytes allocated per message |");
        System.out.println("|---|---:|---|---:|---:|");
        long sink = 0;
        for (String file : MESSAGES) {
            byte[] body = BenchMessages.message(file);
            long[][] cpu = new long[parsers.length][ROUNDS];
            long[][] allocated = new long[parsers.length][ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                for (int p = 0; p < parsers.length; p++) {
                    long cpu0 = mx.getCurrentThreadCpuTime();
                    long bytes0 = mx.getThreadAllocatedBytes(thread);
                    long end = System.nanoTime() + SLICE_NANOS;
                    int n = 0;
                    while (System.nanoTime() < end) {
                        sink += readToEnd(parsers[p].open(body));
                        n++;
                    }
                    cpu[p][round] = (mx.getCurrentThreadCpuTime() - cpu0) / n;
                    allocated[p][round] = (mx.getThreadAllocatedBytes(thread) - bytes0) / n;
                }
            }
            for (int p = 0; p < parsers.length; p++) {
                System.out.printf("| %s | %d | %s | %.1f | %d |%n", file, body.length, names[p],
                        median(cpu[p]) / 1000.0, median(allocated[p]));
            }
        }
        System.out.println("(checksum " + sink + ")");
    }

    /** Reads every event, touching names and text as the codec does; returns a checksum the JIT cannot drop. */
    private static long readToEnd(XMLStreamReader reader) throws XMLStreamException {
        long sum = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                sum += reader.getLocalName().length() + (reader.getNamespaceURI() == null ? 0 : 1);
            } else if (event == XMLStreamConstants.CHARACTERS) {
                sum += reader.getTextLength();
            }
        }
        reader.close();
        return sum;
    }

    private static long median(long[] rounds) {
        long[] counted = Arrays.copyOfRange(rounds, ROUNDS - COUNTED, ROUNDS);
        Arrays.sort(counted);
        return counted[COUNTED / 2];
    }
}
