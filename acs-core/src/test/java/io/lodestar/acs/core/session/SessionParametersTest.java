package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.ParameterTree;
import io.lodestar.acs.core.parameter.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.lodestar.acs.core.session.Fixtures.DEVICE_ID;
import static io.lodestar.acs.core.session.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class SessionParametersTest {

    private static Parameter p(String path, String value) {
        return new Parameter(path, value, null, null, T0);
    }

    private final ParameterTree stored = ParameterTree.of(List.of(p("Device.A", "a"), p("Device.X.1.Y", "y1"),
            p("Device.X.2.Y", "y2")));
    private final SessionChanges.Builder changes = new SessionChanges.Builder(Device.register(DEVICE_ID, T0));
    private final SessionParameters parameters =
            new SessionParameters(stored, changes, SessionPolicy.DEFAULT.maxParameters());

    @Test
    void readsFallThroughToTheStoredTreeWithoutCopyingIt() {
        assertThat(parameters.get("Device.A")).isEqualTo(p("Device.A", "a"));
        assertThat(parameters.view()).isSameAs(stored);
        assertThat(changes.build().upserts()).isEmpty();
    }

    @Test
    void writesShowInReadsAndOnlyTheDeltaIsRecorded() {
        parameters.upsert(p("Device.A", "changed"));
        assertThat(parameters.get("Device.A").value()).isEqualTo("changed");
        assertThat(stored.get("Device.A").value()).isEqualTo("a");
        assertThat(changes.build().upserts()).containsOnlyKeys("Device.A");
    }

    @Test
    void aSubtreeDeletedThenReAddedHoldsOnlyWhatWasReAdded() {
        parameters.upsert(p("Device.X.1.Z", "z"));
        parameters.deleteSubtree("Device.X.");
        parameters.upsert(p("Device.X.3.Y", "y3"));
        assertThat(parameters.subtree("Device.X.").stream().map(Parameter::path)).containsExactly("Device.X.3.Y");
        assertThat(parameters.get("Device.A")).isNotNull();
        SessionChanges built = changes.build();
        assertThat(built.deletedSubtrees()).containsExactly("Device.X.");
        assertThat(built.upserts()).containsOnlyKeys("Device.X.3.Y");
        assertThat(built.applyTo(stored)).isEqualTo(parameters.view());
    }

    @Test
    void forgettingWhatWasLearnedEmptiesTheViewAndTheDelta() {
        parameters.upsert(p("Device.B", "b"));
        parameters.deleteSubtree("Device.X.");
        parameters.forgetLearned();
        assertThat(parameters.view().isEmpty()).isTrue();
        parameters.upsert(p("Device.C", "c"));
        SessionChanges built = changes.build();
        assertThat(built.forgetLearned()).isTrue();
        assertThat(built.deletedSubtrees()).isEqualTo(Set.of());
        assertThat(built.upserts()).containsOnlyKeys("Device.C");
        assertThat(built.applyTo(stored)).isEqualTo(parameters.view());
    }

    @Test
    void everyReadAgreesWithATreeUpdatedAtEachChangeWhateverTheOrderOfReadsAndChanges() {
        java.util.Random random = new java.util.Random(2026_12_07L);
        List<String> paths = List.of("Device.A", "Device.B", "Device.X.1.Y", "Device.X.2.Y", "Device.X.3.Y",
                "Device.X.1.Z");
        List<String> subtrees = List.of("Device.X.", "Device.X.1.", "Device.B", "");
        for (int round = 0; round < 2_000; round++) {
            SessionChanges.Builder builder = new SessionChanges.Builder(Device.register(DEVICE_ID, T0));
            SessionParameters session = new SessionParameters(stored, builder, SessionPolicy.DEFAULT.maxParameters());
            ParameterTree eager = stored;
            for (int step = 0; step < 15; step++) {
                int what = random.nextInt(10);
                if (what == 0) {
                    session.forgetLearned();
                    eager = ParameterTree.empty();
                } else if (what < 3) {
                    String subtree = subtrees.get(random.nextInt(subtrees.size()));
                    session.deleteSubtree(subtree);
                    eager = eager.minusSubtree(subtree);
                } else if (what < 7) {
                    Parameter p = p(paths.get(random.nextInt(paths.size())), "r" + round + "." + step);
                    session.upsert(p);
                    eager = eager.plus(p);
                } else if (what < 9) {
                    String path = paths.get(random.nextInt(paths.size()));
                    assertThat(session.get(path)).as("round %d step %d %s", round, step, path)
                            .isEqualTo(eager.get(path));
                } else {
                    assertThat(session.subtree("Device.X.")).as("round %d step %d", round, step)
                            .isEqualTo(eager.subtree("Device.X."));
                }
            }
            for (String path : paths) {
                assertThat(session.get(path)).isEqualTo(eager.get(path));
            }
            assertThat(session.view()).isEqualTo(eager);
            assertThat(builder.build().applyTo(stored)).isEqualTo(eager);
        }
    }
}
