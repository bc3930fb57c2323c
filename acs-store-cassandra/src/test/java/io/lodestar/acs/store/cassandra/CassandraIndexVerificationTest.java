package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.cassandra.IndexVerifier.PassRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.lodestar.acs.store.cassandra.IndexFixtures.SERIAL;
import static io.lodestar.acs.store.cassandra.IndexFixtures.MAC;
import static io.lodestar.acs.store.cassandra.IndexFixtures.device;
import static io.lodestar.acs.store.cassandra.IndexFixtures.param;
import static io.lodestar.acs.store.cassandra.IndexFixtures.session;
import static io.lodestar.acs.store.cassandra.IndexFixtures.byParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The periodic verification of the indexed parameters' entries ({@link IndexVerifier}): it finds what a node with
 * another list left behind (the rolling restart that adds a path), one node per interval runs a pass, the first
 * pass comes an interval after the last recorded one, and {@code close()} stops it, lease and thread.
 */
class CassandraIndexVerificationTest {

    private static final String KEYSPACE = "index_verify";
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration AWAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final CassandraKeyspace keyspace = CassandraKeyspace.emptiedBeforeEachTest(KEYSPACE);

    private static IndexFixtures rows;
    private final List<CassandraAcsStore> stores = new ArrayList<>();

    @BeforeAll
    static void schema() {
        rows = new IndexFixtures(keyspace.cassandra(), KEYSPACE);
        CassandraAcsStore.open(keyspace.config().withIndexVerifyInterval(Duration.ZERO)).close(); // the schema
    }

    @AfterAll
    static void noVerifierLeft() {
        assertThat(verifierThreads()).as("no verifier thread left").isEmpty();
    }

    @AfterEach
    void close() {
        stores.forEach(CassandraAcsStore::close);
        assertThat(verifierThreads()).isEmpty();
    }

    private CassandraAcsStore open(IndexedParameters indexed, Duration interval, Duration pause, boolean held) {
        CassandraAcsStore s = CassandraAcsStore.open(keyspace.config().withIndexVerifyInterval(interval)
                .withIndexVerifyPause(pause), indexed, held);
        stores.add(s);
        return s;
    }

    private static List<Thread> verifierThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(IndexVerifier.threadName(KEYSPACE))).toList();
    }

    @Test
    void aPassFindsWhatANodeWithAnotherListLeftBehind() {
        // the rolling restart that adds MAC: "old" still runs without it, "upgraded" backfilled it
        CassandraAcsStore old = open(IndexedParameters.of(SERIAL), Duration.ZERO, Duration.ZERO, false);
        CassandraAcsStore upgraded = open(IndexedParameters.of(SERIAL, MAC), SECOND, Duration.ZERO, true);
        assertThat(old.verifier()).as("verification off").isNull();
        assertThat(rows.setting(ParameterIndexEntries.SETTING)).isEqualTo(SERIAL + "," + MAC);

        upgraded.commit(session("changed", param(SERIAL, "S-1"), param(MAC, "m-old")));
        upgraded.commit(session("removed", param(SERIAL, "S-2"), param(MAC, "m-gone")));
        upgraded.commit(session("kept", param(SERIAL, "S-3"), param(MAC, "m-kept")));
        assertThat(byParameter(upgraded, MAC, "m-old")).containsExactly("changed");
        // sessions through the node that does not keep MAC's entries
        old.commit(session("changed", param(MAC, "m-new")));
        old.commit(new SessionChanges.Builder(device("removed")).deleteSubtree("Device.Ethernet.").build());

        assertThat(rows.entries("changed")).containsEntry(MAC, "m-old");
        assertThat(byParameter(upgraded, MAC, "m-new")).as("missed until verified").isEmpty();
        assertThat(byParameter(upgraded, MAC, "m-old")).as("never a false match").isEmpty();
        assertThat(rows.entries("removed")).containsEntry(MAC, "m-gone");

        Instant resumed = Instant.now();
        upgraded.verifier().resume();
        await().atMost(AWAIT).until(() -> byParameter(upgraded, MAC, "m-new").equals(List.of("changed")));

        assertThat(byParameter(upgraded, MAC, "m-old")).isEmpty();
        assertThat(rows.entries("changed")).isEqualTo(Map.of(SERIAL, "S-1", MAC, "m-new"));
        assertThat(rows.entryWritetime("changed", MAC)).as("at the value's write time")
                .isEqualTo(rows.valueWritetime("changed", MAC));
        await().atMost(AWAIT).until(() -> !upgraded.verifier().completed.isEmpty());
        assertThat(rows.entries("removed")).as("removed with the parameter").isEqualTo(Map.of(SERIAL, "S-2"));
        assertThat(rows.entries("kept")).isEqualTo(Map.of(SERIAL, "S-3", MAC, "m-kept"));
        PassRecord pass = upgraded.verifier().completed.get(0);
        assertThat(pass.devices()).isEqualTo(3);
        assertThat(pass.set()).isEqualTo(1);
        assertThat(pass.removed()).isEqualTo(1);
        assertThat(pass.started()).isAfterOrEqualTo(resumed);
        assertThat(rows.setting(IndexVerifier.LAST_PASS)).isEqualTo(pass.completed().toString());
        assertThat(rows.setting(IndexVerifier.LEASE)).as("released after the pass").isNull();
    }

    @Test
    void twoNodesNeverRunAPassInTheSameInterval() {
        CassandraAcsStore seed = open(IndexedParameters.of(SERIAL), Duration.ZERO, Duration.ZERO, false);
        seed.commit(session("d1", param(SERIAL, "S-1")));
        seed.commit(session("d2", param(SERIAL, "S-2")));
        Instant opening = Instant.now();
        CassandraAcsStore a = open(IndexedParameters.of(SERIAL), SECOND, Duration.ZERO, false);
        CassandraAcsStore b = open(IndexedParameters.of(SERIAL), SECOND, Duration.ZERO, false);

        await().atMost(AWAIT).until(() -> a.verifier().completed.size() + b.verifier().completed.size() >= 3);

        List<PassRecord> passes = new ArrayList<>(a.verifier().completed);
        passes.addAll(b.verifier().completed);
        passes.sort(Comparator.comparing(PassRecord::started));
        assertThat(passes.get(0).started()).as("none recorded: an interval after open")
                .isAfterOrEqualTo(opening.plus(SECOND));
        for (int i = 1; i < passes.size(); i++) {
            assertThat(passes.get(i).started()).as("pass %d starts an interval after the one before ended", i)
                    .isAfterOrEqualTo(passes.get(i - 1).completed().plus(SECOND));
        }
        assertThat(passes).allSatisfy(p -> assertThat(p.devices()).isEqualTo(2));
    }

    @Test
    void theFirstPassComesAnIntervalAfterTheLastRecordedOneNotAfterOpen() {
        Duration hour = Duration.ofHours(1);
        Instant recorded = Instant.now().minus(hour).plusSeconds(1);
        keyspace.session().execute(SimpleStatement.newInstance("INSERT INTO " + KEYSPACE + ".store_settings (name, "
                + "value) VALUES (?, ?)", IndexVerifier.LAST_PASS, recorded.toString()));
        CassandraAcsStore s = open(IndexedParameters.of(SERIAL), hour, Duration.ZERO, false);

        await().atMost(AWAIT).until(() -> !s.verifier().completed.isEmpty());

        assertThat(s.verifier().completed.get(0).started()).isAfterOrEqualTo(recorded.plus(hour));
        assertThat(Instant.parse(rows.setting(IndexVerifier.LAST_PASS))).isAfter(recorded);
    }

    @Test
    void closeStopsAPassInProgressEndsTheThreadAndFreesTheLease() {
        // two devices in two shards, and an hour's pause after a page with devices: the pass waits in between
        List<String> ids = List.of("close-a", "close-b", "close-c", "close-d");
        CassandraAcsStore first = open(IndexedParameters.of(SERIAL), SECOND, Duration.ofHours(1), false);
        for (String id : ids) {
            first.commit(session(id, param(SERIAL, "S-" + id)));
        }
        assertThat(ids.stream().map(id -> DeviceIndex.shard(new DeviceId(id))).distinct().count()).isGreaterThan(1);
        await().atMost(AWAIT).until(() -> first.verifier().passesStarted() > 0);
        assertThat(rows.setting(IndexVerifier.LEASE)).as("held during the pass").isNotNull();

        IndexVerifier verifier = first.verifier();
        first.close();

        assertThat(verifier.isTerminated()).isTrue();
        assertThat(verifierThreads()).isEmpty();
        assertThat(verifier.completed).isEmpty();
        await().atMost(AWAIT).until(() -> rows.setting(IndexVerifier.LEASE) == null);

        // another node takes over at once (no lease to wait for)
        CassandraAcsStore next = open(IndexedParameters.of(SERIAL), SECOND, Duration.ZERO, false);
        await().atMost(AWAIT).until(() -> !next.verifier().completed.isEmpty());
        assertThat(next.verifier().completed.get(0).devices()).isEqualTo(ids.size());
    }

    @Test
    void noVerifierWithoutIndexedPathsOrForATool() {
        assertThat(open(IndexedParameters.NONE, SECOND, Duration.ZERO, false).verifier()).isNull();
        open(IndexedParameters.of(SERIAL), Duration.ZERO, Duration.ZERO, false);
        assertThat(open(null, SECOND, Duration.ZERO, false).verifier()).as("opened without a list: a tool").isNull();
        assertThat(verifierThreads()).isEmpty();
    }
}
