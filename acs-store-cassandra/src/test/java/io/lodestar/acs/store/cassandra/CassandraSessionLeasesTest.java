package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.SessionLeasesContract;
import io.lodestar.acs.store.StoreTestData;
import io.lodestar.acs.store.StoreUnavailableException;
import io.lodestar.acs.store.StoreUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The session leases of two ACS nodes (two stores, two driver sessions, two node identities) on one real Cassandra
 * node, in both lease modes ({@code store.cassandra.session-leases}): two sessions of one device never run at
 * once, and a crashed node's leases free the device within their time to live.
 */
class CassandraSessionLeasesTest {

    private static final String KEYSPACE = "two_nodes";

    @RegisterExtension
    static final CassandraKeyspace keyspace = CassandraKeyspace.keptAcrossTests(KEYSPACE);

    @BeforeAll
    static void schema() {
        CassandraAcsStore.open(keyspace.config()).close();
    }

    private static AcsStore node(CassandraStoreConfig.LeaseMode mode) {
        return CassandraAcsStore.open(keyspace.config().withLeaseMode(mode), IndexedParameters.NONE);
    }

    @ParameterizedTest
    @EnumSource(CassandraStoreConfig.LeaseMode.class)
    void twoNodesNeverRunTwoSessionsOfOneDeviceAtOnce(CassandraStoreConfig.LeaseMode mode) throws Exception {
        int devices = 3;
        int attemptsPerThread = 150;
        List<DeviceId> ids = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            ids.add(new DeviceId("race-" + mode + "-" + d));
        }
        AtomicIntegerArray inSession = new AtomicIntegerArray(devices);
        AtomicInteger overlaps = new AtomicInteger();
        AtomicIntegerArray wins = new AtomicIntegerArray(2);
        // per node and device: a node runs one session of a device at a time by itself (its SessionRegistry)
        AtomicIntegerArray local = new AtomicIntegerArray(2 * devices);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (AcsStore a = node(mode); AcsStore b = node(mode)) {
            AcsStore[] stores = {a, b};
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int n = t % 2; // two threads per node, as two CPE connections reaching each node
                AcsStore store = stores[n];
                String owner = "node-" + n;
                int offset = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < attemptsPerThread; i++) {
                        int d = (i + offset) % devices;
                        DeviceId id = ids.get(d);
                        if (!local.compareAndSet(n * devices + d, 0, 1)) {
                            continue;
                        }
                        try {
                            if (!store.acquireLease(id, owner, Duration.ofSeconds(30))) {
                                continue;
                            }
                            if (otherNodeIn(inSession.getAndAdd(d, 1 << (8 * n)), n)) {
                                overlaps.incrementAndGet();
                            }
                            wins.incrementAndGet(n);
                            store.findDevice(id); // the session's store work: a read or two
                            inSession.getAndAdd(d, -(1 << (8 * n)));
                            store.releaseLease(id, owner);
                        } finally {
                            local.set(n * devices + d, 0);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(overlaps.get()).as("sessions of one device running on both nodes at once").isZero();
        assertThat(wins.get(0)).as("sessions node-0 ran").isPositive();
        assertThat(wins.get(1)).as("sessions node-1 ran").isPositive();
    }

    private static boolean otherNodeIn(int counts, int node) {
        int other = 1 - node;
        return ((counts >> (8 * other)) & 0xff) != 0;
    }

    @ParameterizedTest
    @EnumSource(CassandraStoreConfig.LeaseMode.class)
    void aCrashedNodesLeaseFreesTheDeviceWithinItsTimeToLive(CassandraStoreConfig.LeaseMode mode) {
        DeviceId id = new DeviceId("crash-" + mode);
        Duration ttl = Duration.ofSeconds(3);
        try (AcsStore a = node(mode); AcsStore b = node(mode)) {
            assertThat(a.acquireLease(id, "node-a", ttl)).isTrue();
            long taken = System.nanoTime();
            a.close(); // crashed: the lease is never given back
            assertThat(b.acquireLease(id, "node-b", ttl)).as("taken while node-a's lease lives").isFalse();

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> b.acquireLease(id, "node-b", Duration.ofMinutes(1)));
            Duration locked = Duration.ofNanos(System.nanoTime() - taken);
            assertThat(locked).as("the device was locked out no longer than the lease lives (+ 1 s rounding, "
                    + "+ 1 s polling)").isLessThan(ttl.plusSeconds(2));
        }
    }

    @ParameterizedTest
    @EnumSource(value = CassandraStoreConfig.LeaseMode.class, names = {"QUORUM", "QUORUM_TABLE"})
    void aQuorumClaimIsNotRenewedOnceTwoThirdsOfItsLifeHavePassed(CassandraStoreConfig.LeaseMode mode) {
        DeviceId id = new DeviceId("late-renewal-" + mode);
        try (AcsStore a = node(mode)) {
            assertThat(a.acquireLease(id, "node-a", Duration.ofSeconds(3))).isTrue();
            assertThat(a.renewLease(id, "node-a", Duration.ofSeconds(3))).as("renewed early").isTrue();
            long renewed = System.nanoTime();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> System.nanoTime() - renewed > Duration.ofMillis(2100).toNanos());
            assertThat(a.renewLease(id, "node-a", Duration.ofSeconds(3)))
                    .as("a claim that may have expired in the replicas is not revived").isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = CassandraStoreConfig.LeaseMode.class, names = {"QUORUM", "QUORUM_TABLE"})
    void ofTwoNodesRacingForADeviceExactlyOneTakesItInQuorumMode(CassandraStoreConfig.LeaseMode mode) throws Exception {
        int rounds = 40;
        AtomicIntegerArray wins = new AtomicIntegerArray(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (AcsStore a = node(mode);
             AcsStore b = node(mode)) {
            AcsStore[] stores = {a, b};
            for (int r = 0; r < rounds; r++) {
                DeviceId id = new DeviceId("pair-" + mode + "-" + r);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Boolean>> taken = new ArrayList<>();
                for (int n = 0; n < 2; n++) {
                    AcsStore store = stores[n];
                    String owner = "node-" + n;
                    taken.add(pool.submit(() -> {
                        start.await();
                        return store.acquireLease(id, owner, Duration.ofSeconds(30));
                    }));
                }
                boolean first = taken.get(0).get();
                boolean second = taken.get(1).get();
                // the winner holds the lease until both have answered, so "one" means one of a racing pair
                assertThat(first ^ second).as("round %d: exactly one node takes the device (%s, %s)", r, first, second)
                        .isTrue();
                int winner = first ? 0 : 1;
                wins.incrementAndGet(winner);
                stores[winner].releaseLease(id, "node-" + winner);
                assertThat(stores[1 - winner].acquireLease(id, "node-" + (1 - winner), Duration.ofSeconds(30)))
                        .as("round %d: the refused node takes the device once it is given back", r).isTrue();
                stores[1 - winner].releaseLease(id, "node-" + (1 - winner));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(wins.get(0) + wins.get(1)).isEqualTo(rounds);
    }

    /** A claim written as another node would, in the mode's layout; {@code since} null only in the table's. */
    private static void claimBehindTheStoresBack(CassandraStoreConfig.LeaseMode mode, DeviceId id, String owner,
                                                 Long since) {
        if (mode == CassandraStoreConfig.LeaseMode.QUORUM) {
            keyspace.session().execute("UPDATE " + KEYSPACE + ".devices USING TTL 60 AND TIMESTAMP ? "
                    + "SET session_claims[?] = ? WHERE device_id = ?",
                    QuorumClaims.ROW_BAND + WriteClock.reserve(1), owner, since, id.value());
        } else {
            keyspace.session().execute("INSERT INTO " + KEYSPACE + ".session_claims (device_id, owner, since) "
                    + "VALUES (?, ?, ?) USING TTL 60", id.value(), owner, since);
        }
    }

    private static void withdrawBehindTheStoresBack(CassandraStoreConfig.LeaseMode mode, DeviceId id, String owner) {
        if (mode == CassandraStoreConfig.LeaseMode.QUORUM) {
            keyspace.session().execute("DELETE session_claims[?] FROM " + KEYSPACE + ".devices USING TIMESTAMP ? "
                    + "WHERE device_id = ?", owner, QuorumClaims.ROW_BAND + WriteClock.reserve(1), id.value());
        } else {
            keyspace.session().execute("DELETE FROM " + KEYSPACE + ".session_claims WHERE device_id = ? AND owner = ?",
                    id.value(), owner);
        }
    }

    private static List<String> claimants(CassandraStoreConfig.LeaseMode mode, DeviceId id) {
        List<String> owners = new ArrayList<>();
        if (mode == CassandraStoreConfig.LeaseMode.QUORUM) {
            com.datastax.oss.driver.api.core.cql.Row r = keyspace.session().execute("SELECT session_claims FROM "
                    + KEYSPACE + ".devices WHERE device_id = ?", id.value()).one();
            if (r != null && !r.isNull(0)) {
                owners.addAll(r.getMap(0, String.class, Long.class).keySet());
            }
            return owners;
        }
        keyspace.session().execute("SELECT owner FROM " + KEYSPACE + ".session_claims WHERE device_id = ?", id.value())
                .forEach(r -> owners.add(r.getString(0)));
        return owners;
    }

    @ParameterizedTest
    @EnumSource(value = CassandraStoreConfig.LeaseMode.class, names = {"QUORUM", "QUORUM_TABLE"})
    void aQuorumClaimBehindAnEarlierClaimWithdrawsAtOnce(CassandraStoreConfig.LeaseMode mode) {
        DeviceId earlier = new DeviceId("behind-earlier-" + mode);
        DeviceId legacy = new DeviceId("behind-legacy-" + mode);
        boolean table = mode == CassandraStoreConfig.LeaseMode.QUORUM_TABLE;
        claimBehindTheStoresBack(mode, earlier, "node-x", 1L);
        if (table) { // a claim of a version before V012: no place in the order (the devices row's claims always have)
            claimBehindTheStoresBack(mode, legacy, "node-x", null);
        }
        try (AcsStore a = node(mode)) {
            long started = System.nanoTime();
            assertThat(a.acquireLease(earlier, "node-a", Duration.ofSeconds(30))).isFalse();
            if (table) {
                assertThat(a.acquireLease(legacy, "node-a", Duration.ofSeconds(30))).isFalse();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused without waiting")
                    .isLessThan(QuorumClaims.DEFAULT_WAIT);
        }
        assertThat(claimants(mode, earlier)).as("the refused claim is withdrawn").containsExactly("node-x");
        if (table) {
            assertThat(claimants(mode, legacy)).containsExactly("node-x");
        }
    }

    @ParameterizedTest
    @EnumSource(value = CassandraStoreConfig.LeaseMode.class, names = {"QUORUM", "QUORUM_TABLE"})
    void theEarliestQuorumClaimWaitsForALaterOneToWithdrawAndThenTakesTheDevice(CassandraStoreConfig.LeaseMode mode)
            throws Exception {
        DeviceId id = new DeviceId("earliest-waits-" + mode);
        claimBehindTheStoresBack(mode, id, "node-x", Long.MAX_VALUE); // a racer that has not yet read the claims
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (AcsStore a = node(mode)) {
            Future<Boolean> taken = pool.submit(() -> a.acquireLease(id, "node-a", Duration.ofSeconds(30)));
            // node-a has written its claim and is waiting; now the racer withdraws, as it does on seeing node-a's
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> claimants(mode, id).contains("node-a") || taken.isDone());
            withdrawBehindTheStoresBack(mode, id, "node-x");
            assertThat(taken.get(10, TimeUnit.SECONDS)).as("taken once the later claim is gone").isTrue();
            assertThat(claimants(mode, id)).containsExactly("node-a");
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(value = CassandraStoreConfig.LeaseMode.class, names = {"QUORUM", "QUORUM_TABLE"})
    void theEarliestQuorumClaimRefusesWhenALaterOneLingersPastTheWait(CassandraStoreConfig.LeaseMode mode) {
        DeviceId id = new DeviceId("lingering-racer-" + mode);
        claimBehindTheStoresBack(mode, id, "node-x", Long.MAX_VALUE); // a racer that died between its write and delete
        try (AcsStore a = node(mode)) {
            long started = System.nanoTime();
            assertThat(a.acquireLease(id, "node-a", Duration.ofSeconds(30))).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for the racer first")
                    .isGreaterThanOrEqualTo(QuorumClaims.DEFAULT_WAIT);
        }
        assertThat(claimants(mode, id)).as("the refused claim is withdrawn").containsExactly("node-x");
    }

    @ParameterizedTest
    @EnumSource(value = CassandraStoreConfig.LeaseMode.class, names = {"QUORUM", "QUORUM_TABLE"})
    void aHeldQuorumClaimIsRenewedBesideARacersClaim(CassandraStoreConfig.LeaseMode mode) {
        DeviceId id = new DeviceId("renewed-beside-racer-" + mode);
        try (AcsStore a = node(mode);
             AcsStore b = node(mode)) {
            assertThat(a.acquireLease(id, "node-a", Duration.ofSeconds(30))).isTrue();
            claimBehindTheStoresBack(mode, id, "node-x", Long.MAX_VALUE); // a racer between its write and its read
            assertThat(a.renewLease(id, "node-a", Duration.ofSeconds(30))).isTrue();
            assertThat(b.acquireLease(id, "node-b", Duration.ofSeconds(30))).as("node-a still holds it").isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = CassandraStoreConfig.LeaseMode.class, names = {"QUORUM", "QUORUM_TABLE"})
    void aQuorumClaimIsDeletedInTheSessionsCommitAndACommitThatFailsStillDeletesIt(
            CassandraStoreConfig.LeaseMode mode) {
        DeviceId committed = new DeviceId("released-in-commit-" + mode);
        DeviceId failed = new DeviceId("released-after-failure-" + mode);
        try (CassandraAcsStore a = (CassandraAcsStore) node(mode)) {
            assertThat(a.acquireLease(committed, "node-a", Duration.ofSeconds(30))).isTrue();
            assertThat(a.acquireLease(failed, "node-a", Duration.ofSeconds(30))).isTrue();

            a.commitAndReleaseLease(StoreTestData.withParams(StoreTestData.fullDevice(committed.value()),
                    StoreTestData.param("Device.X", "1")), "node-a");
            a.hook = (point, device) -> {
                throw new StoreUnavailableException("cut before the device's batch", null);
            };
            assertThatThrownBy(() -> a.commitAndReleaseLease(StoreTestData.withParams(
                    StoreTestData.fullDevice(failed.value()), StoreTestData.param("Device.X", "2")), "node-a"))
                    .isInstanceOf(StoreUnavailableException.class);
            a.hook = CassandraAcsStore.CommitHook.NONE;

            assertThat(a.parameters(committed, "")).hasSize(1);
            assertThat(claimants(mode, committed)).as("gone with the commit's mutation").isEmpty();
            assertThat(a.parameters(failed, "")).as("the batch was never sent").isEmpty();
            assertThat(claimants(mode, failed)).as("withdrawn on its own after the failure").isEmpty();
        }
    }

    @Test
    void aDevicesDeletionLeavesTheClaimsInItsRowStanding() {
        DeviceId id = new DeviceId("deleted-while-held");
        CassandraStoreConfig.LeaseMode mode = CassandraStoreConfig.LeaseMode.QUORUM;
        try (AcsStore a = node(mode); AcsStore b = node(mode)) {
            a.commit(StoreTestData.withParams(StoreTestData.fullDevice(id.value()),
                    StoreTestData.param("Device.X", "1")));
            assertThat(a.acquireLease(id, "node-a", Duration.ofSeconds(30))).isTrue();

            b.deleteDevice(id); // an operator deletes the device while its session runs on node-a

            assertThat(b.findDevice(id)).isEmpty();
            assertThat(claimants(mode, id)).containsExactly("node-a");
            assertThat(b.acquireLease(id, "node-b", Duration.ofSeconds(30))).as("node-a still holds it").isFalse();
            a.releaseLease(id, "node-a");
            assertThat(b.acquireLease(id, "node-b", Duration.ofSeconds(30))).isTrue();
            b.releaseLease(id, "node-b");
        }
    }

    @Test
    void aSessionOpeningThatWaitedForARacerReadsTheDeviceAsTheRacerLeftIt() throws Exception {
        DeviceId id = new DeviceId("opened-after-racer");
        CassandraStoreConfig.LeaseMode mode = CassandraStoreConfig.LeaseMode.QUORUM;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (AcsStore a = node(mode); AcsStore racer = node(mode)) {
            a.commit(StoreTestData.withParams(StoreTestData.fullDevice(id.value()),
                    StoreTestData.param("Device.X", "1")));
            a.loadSessionStart(id); // node-a's copy of the device: what a stale opening would hand out
            claimBehindTheStoresBack(mode, id, "node-x", Long.MAX_VALUE); // a later claimant, in session
            Future<java.util.Optional<io.lodestar.acs.store.SessionStart>> opened = pool.submit(
                    () -> a.acquireLeaseAndLoadSessionStart(id, "node-a", Duration.ofSeconds(30)));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> claimants(mode, id).contains("node-a") || opened.isDone());

            // the racer's session ends: its commit, then its claim gone
            racer.commit(StoreTestData.withParams(StoreTestData.fullDevice(id.value()),
                    StoreTestData.param("Device.X", "2")));
            withdrawBehindTheStoresBack(mode, id, "node-x");

            assertThat(opened.get(10, TimeUnit.SECONDS)).hasValueSatisfying(start -> assertThat(start.snapshot())
                    .hasValueSatisfying(s -> assertThat(s.tree().get("Device.X").value()).isEqualTo("2")));
            a.releaseLease(id, "node-a");
        } finally {
            pool.shutdownNow();
        }
    }

    /** The lease contract in a mode that is not the default (the whole contract runs in the default). */
    abstract class InMode extends StoreUnderTest implements SessionLeasesContract {
        private final CassandraStoreConfig.LeaseMode mode;

        InMode(CassandraStoreConfig.LeaseMode mode) {
            this.mode = mode;
        }

        @Override
        public AcsStore newStore() {
            keyspace.empty();
            return node(mode);
        }

        @Override
        public AcsStore reopen(IndexedParameters indexed) {
            return CassandraAcsStore.open(keyspace.config().withLeaseMode(mode), indexed);
        }
    }

    @Nested
    class InLightweightTransactionMode extends InMode {
        InLightweightTransactionMode() {
            super(CassandraStoreConfig.LeaseMode.LWT);
        }
    }

    /** The claims in their table of their own (the layout before V015). */
    @Nested
    class InTheClaimsTableLayout extends InMode {
        InTheClaimsTableLayout() {
            super(CassandraStoreConfig.LeaseMode.QUORUM_TABLE);
        }
    }
}
