package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.store.IndexedParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.Set;

import static io.lodestar.acs.store.StoreTestData.fullDevice;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node-local snapshot cache ({@link SnapshotCache}) on the real node, with two stores as two ACS nodes: a
 * snapshot served from it is always the stored one, whatever the other node wrote meanwhile.
 */
class CassandraSnapshotCacheTest {

    private static final String KEYSPACE = "snapshot_cache";
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456789Z");

    @RegisterExtension
    static final CassandraKeyspace keyspace = CassandraKeyspace.emptiedBeforeEachTest(KEYSPACE);

    private CassandraAcsStore here;
    private CassandraAcsStore there;

    @BeforeEach
    void open() {
        here = keyspace.open(IndexedParameters.NONE);
        there = keyspace.closedAfterTheTest(CassandraAcsStore.open(keyspace.config(), IndexedParameters.NONE,
                0)); // no cache: what the store holds
    }

    private static Parameter param(String path, String value, int second) {
        return new Parameter(path, value, "xsd:string", true, T0.plusSeconds(second));
    }

    private DeviceSnapshot stored(DeviceId id) {
        return there.loadSnapshot(id).orElseThrow();
    }

    @Test
    void periodicSessionsOnOneNodeAreServedFromTheCacheAndEqualTheStoredSnapshot() {
        Device d = fullDevice("cached-1");
        here.commit(new SessionChanges.Builder(d).upsert(param("Device.A", "1", 0))
                .upsert(new Parameter("Device.B.", null, null, false, T0)).upsert(param("Device.B.C", "x", 0))
                .build());
        assertThat(here.loadSnapshot(d.id()).orElseThrow()).isEqualTo(stored(d.id()));
        assertThat(here.snapshotCache().size()).as("kept after a whole read").isEqualTo(1);
        for (int s = 1; s <= SnapshotCache.DERIVED_LIMIT + 2; s++) {
            DeviceSnapshot before = here.loadSnapshot(d.id()).orElseThrow();
            SessionChanges.Builder session = new SessionChanges.Builder(before.device())
                    .upsert(param("Device.A", Integer.toString(s), s));
            if (s == 3) {
                session.deleteSubtree("Device.B.");
            }
            if (s == 5) {
                session.forgetLearned().upsert(param("Device.Z", "z", s));
            }
            here.commit(session.build());
            assertThat(here.loadSnapshot(d.id()).orElseThrow()).as("session %d", s).isEqualTo(stored(d.id()));
        }
    }

    @Test
    void anotherNodesCommitTagsAndDeletionShowThroughTheCache() {
        Device d = fullDevice("cached-2");
        here.commit(new SessionChanges.Builder(d).upsert(param("Device.A", "1", 0)).build());
        here.loadSnapshot(d.id());

        there.commit(new SessionChanges.Builder(d).upsert(param("Device.A", "2", 1)).build());
        assertThat(here.loadSnapshot(d.id()).orElseThrow().parameters().get("Device.A").value()).isEqualTo("2");

        there.setTags(d.id(), Set.of("moved"));
        assertThat(here.loadSnapshot(d.id()).orElseThrow().device().tags()).containsExactly("moved");
        assertThat(here.loadSnapshot(d.id()).orElseThrow()).isEqualTo(stored(d.id()));

        // this node commits after the other's write: its copy was of an older write, so none is derived
        here.commit(new SessionChanges.Builder(d).upsert(param("Device.B", "b", 2)).build());
        assertThat(here.loadSnapshot(d.id()).orElseThrow()).isEqualTo(stored(d.id()));

        there.deleteDevice(d.id());
        assertThat(here.loadSnapshot(d.id())).as("deleted on the other node").isEmpty();
        there.commit(new SessionChanges.Builder(d).upsert(param("Device.C", "c", 3)).build());
        assertThat(here.loadSnapshot(d.id()).orElseThrow().parameters()).containsOnlyKeys("Device.C");
    }

    @Test
    void theCacheHoldsAtMostItsBoundInParameters() {
        SnapshotCache cache = new SnapshotCache(10);
        io.lodestar.acs.core.device.ParameterTree four = io.lodestar.acs.core.device.ParameterTree.of(java.util.List.of(
                param("A", "1", 0), param("B", "1", 0), param("C", "1", 0), param("D", "1", 0)));
        cache.loaded("a", 1, four);
        cache.loaded("b", 1, four);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("a", 1)).isEqualTo(four); // now "b" is the least recently used
        cache.loaded("c", 1, four); // 3 × (4 + 1) > 10: the least recently used goes
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("b", 1)).isNull();
        assertThat(cache.get("a", 1)).isEqualTo(four);
        assertThat(cache.get("c", 1)).isEqualTo(four);
        assertThat(cache.get("c", 2)).as("another write time").isNull();
        cache.loaded("huge", 1, io.lodestar.acs.core.device.ParameterTree.of(java.util.List.of(param("A", "1", 0),
                param("B", "1", 0), param("C", "1", 0), param("D", "1", 0), param("E", "1", 0),
                param("F", "1", 0), param("G", "1", 0), param("H", "1", 0), param("I", "1", 0),
                param("J", "1", 0))));
        assertThat(cache.get("huge", 1)).as("larger than the whole bound: not kept").isNull();
    }
}
