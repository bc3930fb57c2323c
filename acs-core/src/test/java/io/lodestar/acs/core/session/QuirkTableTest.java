package io.lodestar.acs.core.session;

import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.task.TaskAction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.lodestar.acs.core.session.Fixtures.T0;
import static io.lodestar.acs.core.session.Fixtures.inform;
import static io.lodestar.acs.core.session.Fixtures.open;
import static io.lodestar.acs.core.session.Fixtures.play;
import static io.lodestar.acs.core.session.Fixtures.policy;
import static io.lodestar.acs.core.session.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuirkTableTest {

    private static final String TEXT = """
            # a comment
            quirk.acme-old.oui = 00D09E
            quirk.acme-old.product-class = Rout*
            quirk.acme-old.software-version = 1.?.*
            quirk.acme-old.discovery = level-by-level
            quirk.acme-old.values-per-request: 8
            quirk.acme-all.oui = 00D09E
            quirk.acme-all.writable-flags = unreliable
            quirk.acme-all.parameter-key-echo = false
            quirk.acme-all.cookies = false
            """;

    private static final DeviceIdStruct ACME = new DeviceIdStruct("Acme", "00D09E", "Router", "SN1");

    @Test
    void entriesMatchByOuiProductClassAndSoftwareVersionGlobsAndMerge() {
        QuirkTable table = QuirkTable.parse(TEXT, "test");

        assertThat(table.match(ACME, "1.2.3")).isEqualTo(
                new DeviceQuirks(DiscoveryMode.LEVEL_BY_LEVEL, 8, true, true, true));
        assertThat(table.match(ACME, "2.0")).isEqualTo(new DeviceQuirks(null, null, true, true, true));
        assertThat(table.match(new DeviceIdStruct("X", "001122", "Router", "S"), "1.2.3")).isEqualTo(DeviceQuirks.NONE);
        assertThat(table.match(ACME, null).discovery()).isNull(); // a version glob never matches an unknown version
    }

    @Test
    void anOperatorsEntryOfTheSameNameReplacesTheShippedOne() {
        QuirkTable shipped = QuirkTable.parse(TEXT, "shipped");
        QuirkTable own = QuirkTable.parse("quirk.acme-old.oui = 00D09E\nquirk.acme-old.values-per-request = 32\n", "own");

        QuirkTable table = shipped.overriddenBy(own);

        assertThat(table.entries()).extracting(QuirkTable.Entry::name).containsExactly("acme-old", "acme-all");
        assertThat(table.match(ACME, "1.2.3")).isEqualTo(new DeviceQuirks(null, 32, true, true, true));
    }

    @Test
    void aTypoIsAnErrorNamingItsLine() {
        assertThatThrownBy(() -> QuirkTable.parse("# x\nquirk.a.discovery = sideways\n", "q.properties"))
                .hasMessageContaining("q.properties line 2").hasMessageContaining("level-by-level or full-tree");
        assertThatThrownBy(() -> QuirkTable.parse("quirk.a.nextlevel = false\n", "q"))
                .hasMessageContaining("line 1").hasMessageContaining("unknown key 'nextlevel'");
        assertThatThrownBy(() -> QuirkTable.parse("quirks.a.cookies = false\n", "q")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> QuirkTable.parse("quirk.a.values-per-request = 0\n", "q"))
                .hasMessageContaining("1 to 10000");
        assertThatThrownBy(() -> QuirkTable.parse("quirk.a.cookies = no\n", "q")).hasMessageContaining("false or true");
    }

    @Test
    void theShippedFileParses() throws Exception {
        try (var in = QuirkTable.class.getResourceAsStream("quirks.properties")) {
            assertThat(in).isNotNull();
            QuirkTable.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "shipped");
        }
    }

    @Test
    void aQuirkForcesTheLevelWalkAndTheBatchSizeOnTheDevicesItMatches() {
        SessionPolicy p = policy(DiscoveryMode.FULL_TREE, 100, 100_000)
                .withQuirks(QuirkTable.parse("quirk.x.oui = 00D09E\nquirk.x.discovery = level-by-level\n"
                        + "quirk.x.values-per-request = 5\n", "t"));
        FakeCpe cpe = CwmpSessionDiscoveryTest.big();

        CwmpSession session = open(inform(List.of("0 BOOTSTRAP", "1 BOOT"), Fixtures.informParams(cpe)),
                Optional.empty(), List.of(), p, T0);
        Fixtures.Run run = play(session, cpe, T0);

        assertThat(run.requestsOf(GetParameterNames.class)).allSatisfy(n -> assertThat(n.nextLevel()).isTrue());
        assertThat(run.requestsOf(io.lodestar.acs.core.rpc.GetParameterValues.class))
                .allSatisfy(g -> assertThat(g.parameterNames().size()).isLessThanOrEqualTo(5));
    }

    @Test
    void writabilityFlagsThatLieAreStoredAsUnknownAndAnUnechoedParameterKeyIsRecorded() {
        SessionPolicy p = policy().withQuirks(QuirkTable.parse(
                "quirk.x.oui = 00D09E\nquirk.x.writable-flags = unreliable\nquirk.x.parameter-key-echo = false\n", "t"));
        FakeCpe cpe = new FakeCpe().leaf("Device.A.x", "1", "xsd:string", true).leaf("Device.A.y", "2", "xsd:string", false)
                .leaf("Device.ManagementServer.ParameterKey", "", "xsd:string", false);
        var set = task(1, new TaskAction.SetParameterValues(
                List.of(new ParameterValueStruct("Device.A.x", "9", "xsd:string")), "key-7"));

        CwmpSession session = open(inform(List.of("0 BOOTSTRAP", "1 BOOT"), Fixtures.informParams(cpe)),
                Optional.empty(), List.of(set), p, T0);
        Fixtures.Run run = play(session, cpe, T0);

        assertThat(run.upsert("Device.A.y").writable()).isNull();
        assertThat(run.upsert("Device.A.x").writable()).isNull();
        assertThat(run.upsert("Device.ManagementServer.ParameterKey").value()).isEqualTo("key-7");
        assertThat(session.quirks().noParameterKeyEcho()).isTrue();
    }
}
