package io.lodestar.acs.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.UnknownMethod;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.SAXException;

/**
 * Every envelope the codec writes, for every message record in every version whose schema has it, is
 * schema-valid and decodes back to an equal envelope, on the side that would receive it.
 */
class SchemaRoundTripTest {

    private static final CwmpCodec ACS = CwmpCodec.standard();
    private static final CwmpCodec CPE = CwmpCodec.forCpe();

    static Stream<Arguments> envelopes() {
        List<Arguments> cases = new ArrayList<>();
        for (CwmpVersion v : CwmpVersion.values()) {
            for (CwmpMessage m : Samples.all()) {
                if (Samples.existsIn(m, v)) {
                    cases.add(Arguments.of(v, m.getClass().getSimpleName(), m));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("envelopes")
    void encodedEnvelopeIsSchemaValidAndDecodesBackEqual(CwmpVersion version, String type, CwmpMessage message)
            throws Exception {
        boolean fromAcs = Samples.fromAcs(message);
        CwmpEnvelope envelope = new CwmpEnvelope(version, Samples.header(version, fromAcs), message);

        byte[] xml = ACS.encode(envelope);

        assertThatCode(() -> CwmpSchemas.validate(version.namespace(), xml))
                .as(new String(xml, StandardCharsets.UTF_8)).doesNotThrowAnyException();
        CwmpCodec receiver = fromAcs ? CPE : ACS;
        assertThat(receiver.decode(xml)).isEqualTo(envelope);
        if (message instanceof CwmpFault || message instanceof UnknownMethod) {
            assertThat(CPE.decode(xml)).isEqualTo(envelope);
        }
    }

    @Test
    void samplesCoverEveryMessageRecordOfTheModel() throws IOException, URISyntaxException {
        Set<Class<?>> sampled = Samples.all().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(messageRecords()).isNotEmpty().allSatisfy(c -> assertThat(sampled).contains(c));
        assertThat(messageRecords()).hasSize(sampled.size());
    }

    @Test
    void validatorIsNotVacuous() {
        // control: corpus messages the index marks invalid are rejected, one marked valid is accepted
        assertThatThrownBy(() -> CwmpSchemas.validate("urn:dslforum-org:cwmp-1-0",
                Conformance.message("zhone-6718-inform-bootstrap-boot.xml"))).isInstanceOf(SAXException.class);
        assertThatThrownBy(() -> CwmpSchemas.validate("urn:dslforum-org:cwmp-1-2",
                Conformance.message("model-cwmp12-dustatechangecomplete.xml"))).isInstanceOf(SAXException.class);
        assertThatCode(() -> CwmpSchemas.validate("urn:dslforum-org:cwmp-1-0",
                Conformance.message("zyxel-vmg8924-inform-connreq-ipv6-url.xml"))).doesNotThrowAnyException();
        assertThatCode(() -> CwmpSchemas.validate("urn:dslforum-org:cwmp-1-2",
                Conformance.message("model-cwmp14-inform-bootstrap-supportedversions.xml"))).doesNotThrowAnyException();
    }

    /** ... and on ChangeDUState's Operations, whose schema type is abstract, so each names its concrete type. */
    @Test
    void xsiTypeOnlyOnValueElements() {
        for (CwmpMessage m : Samples.all()) {
            String xml = new String(ACS.encode(new CwmpEnvelope(CwmpVersion.V1_2, null, m)), StandardCharsets.UTF_8);
            assertThat(xml.split("xsi:type=").length - 1).as(xml)
                    .isEqualTo(xml.split("<Value xsi:type=").length - 1 + xml.split("<Operations xsi:type=").length - 1);
        }
    }

    /** The record classes of io.lodestar.acs.core.rpc that are CwmpMessages, read from acs-core's jar. */
    private static List<Class<?>> messageRecords() throws IOException, URISyntaxException {
        Path location = Path.of(CwmpMessage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        String pkg = "io/lodestar/acs/core/rpc/";
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve(pkg))) {
                files.forEach(p -> names.add(pkg + p.getFileName()));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    names.add(e.nextElement().getName());
                }
            }
        }
        List<Class<?>> records = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith(pkg) && n.endsWith(".class") && n.indexOf('/', pkg.length()) < 0) {
                try {
                    Class<?> c = Class.forName(n.substring(0, n.length() - 6).replace('/', '.'));
                    if (c.isRecord() && CwmpMessage.class.isAssignableFrom(c)) {
                        records.add(c);
                    }
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return records;
    }
}
