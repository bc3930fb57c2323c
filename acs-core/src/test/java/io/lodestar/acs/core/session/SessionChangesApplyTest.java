package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.ParameterTree;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.parameter.ParameterPaths;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.lodestar.acs.core.session.Fixtures.DEVICE_ID;
import static io.lodestar.acs.core.session.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** A session's delta applied to a stored tree gives what rebuilding the whole map would, for random sessions. */
class SessionChangesApplyTest {

    private static final List<String> OBJECTS = List.of("", "Device.", "Device.X.", "Device.X.1.", "Device.X.2.",
            "Device.X.10.", "Device.Y.", "Device.X.1.Z.");
    private static final List<String> NAMES = List.of("A", "B", "Z.C");

    private static String randomPath(Random random) {
        String object = OBJECTS.get(1 + random.nextInt(OBJECTS.size() - 1));
        return object + NAMES.get(random.nextInt(NAMES.size()));
    }

    /** What a store did before the tree: copy the map, remove each subtree by scanning it, put the upserts. */
    private static Map<String, Parameter> rebuilt(Map<String, Parameter> before, SessionChanges changes) {
        Map<String, Parameter> after = new HashMap<>(changes.forgetLearned() ? Map.of() : before);
        for (String subtree : changes.deletedSubtrees()) {
            after.keySet().removeIf(path -> ParameterPaths.isUnder(path, subtree));
        }
        after.putAll(changes.upserts());
        return after;
    }

    @Test
    void applyingTheDeltaEqualsRebuildingTheWholeMapForRandomSessions() {
        Random random = new Random(20250301L);
        for (int round = 0; round < 2_000; round++) {
            Map<String, Parameter> stored = new HashMap<>();
            for (int i = random.nextInt(30); i > 0; i--) {
                String path = random.nextInt(5) == 0 ? OBJECTS.get(1 + random.nextInt(OBJECTS.size() - 1))
                        : randomPath(random);
                stored.put(path, new Parameter(path, "s" + i, null, null, T0));
            }
            SessionChanges.Builder builder = new SessionChanges.Builder(Device.register(DEVICE_ID, T0));
            SessionParameters session = new SessionParameters(ParameterTree.of(stored), builder,
                    SessionPolicy.DEFAULT.maxParameters());
            for (int step = random.nextInt(12); step > 0; step--) {
                int what = random.nextInt(20);
                if (what == 0) {
                    session.forgetLearned();
                } else if (what < 7) {
                    boolean object = random.nextBoolean();
                    session.deleteSubtree(object ? OBJECTS.get(random.nextInt(OBJECTS.size())) : randomPath(random));
                } else {
                    String path = randomPath(random);
                    session.upsert(new Parameter(path, "r" + round + "." + step, null, null, T0));
                }
            }
            SessionChanges changes = builder.build();

            ParameterTree applied = changes.applyTo(ParameterTree.of(stored));

            assertThat(applied.asMap()).as("round %d: %s", round, changes).isEqualTo(rebuilt(stored, changes));
            assertThat(applied).as("the session's own view, round %d", round).isEqualTo(session.view());
            assertThat(changes.applyTo(applied)).as("applied twice, round %d", round).isEqualTo(applied);
        }
    }
}
