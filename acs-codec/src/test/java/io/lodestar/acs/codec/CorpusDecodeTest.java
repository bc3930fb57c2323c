package io.lodestar.acs.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.lodestar.acs.core.rpc.CpeGetRPCMethods;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.GetRPCMethods;
import io.lodestar.acs.core.rpc.UnknownMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message of the conformance corpus decodes, to the record its index entry names. */
class CorpusDecodeTest {

    private static final CwmpCodec ACS = CwmpCodec.standard();
    private static final CwmpCodec CPE = CwmpCodec.forCpe();

    static List<Conformance.Entry> entries() {
        return Conformance.index();
    }

    @Test
    void indexCoversEveryMessageFile() throws IOException {
        try (Stream<Path> files = Files.list(Conformance.messages())) {
            List<String> xml = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml")).sorted().toList();
            assertThat(entries()).extracting(Conformance.Entry::file).containsExactlyInAnyOrderElementsOf(xml);
            assertThat(xml).hasSize(73);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void decodesToTheIndexedRpc(Conformance.Entry entry) throws CwmpDecodeException {
        CwmpCodec codec = entry.fromCpe() ? ACS : CPE;
        CwmpEnvelope envelope = codec.decode(Conformance.message(entry.file()));
        CwmpMessage message = envelope.message();

        assertThat(message).isNotInstanceOf(UnknownMethod.class);
        if (entry.rpc().startsWith("Fault")) {
            assertThat(message).isInstanceOf(CwmpFault.class);
            assertThat(((CwmpFault) message).faultCode()).isEqualTo(Integer.parseInt(entry.rpc().substring(6)));
        } else if (entry.rpc().equals("GetRPCMethods")) {
            assertThat(message).isInstanceOf(entry.fromCpe() ? CpeGetRPCMethods.class : GetRPCMethods.class);
        } else {
            assertThat(message.getClass().getSimpleName()).isEqualTo(entry.rpc());
            assertThat(message.methodName()).isEqualTo(entry.rpc());
        }
        assertThat(envelope.version().namespace()).isEqualTo("urn:dslforum-org:cwmp-" + entry.cwmpNs());
        assertThat(envelope.header().id()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void reEncodedCorpusMessageDecodesToTheSameRecord(Conformance.Entry entry) throws CwmpDecodeException {
        CwmpCodec codec = entry.fromCpe() ? ACS : CPE;
        CwmpEnvelope decoded = codec.decode(Conformance.message(entry.file()));
        CwmpEnvelope again = codec.decode(codec.encode(decoded));
        if (decoded.message() instanceof io.lodestar.acs.core.rpc.Inform) {
            // CurrentTime etc. are strings and survive; nothing is normalised on the way back
            assertThat(again).isEqualTo(decoded);
        } else {
            assertThat(again.message()).isEqualTo(decoded.message());
            assertThat(again.header()).isEqualTo(decoded.header());
            assertThat(again.version()).isEqualTo(decoded.version());
        }
    }
}
