package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.SessionLeasesContract;
import io.lodestar.acs.store.StoreUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session leases of two ACS nodes (two stores, two driver sessions, two node identities) on one real Cassandra
 * node, in both lease modes ({@code store.cassandra.session-leases}): two sessions of one device never run at
 * once, and a crashed node's leases free the device within their time to live.
 */
class CassandraSessionLeasesTest {

    private static final String KEYSPACE = "two_nodes";
    private static TestCassandra cassandra;

    @BeforeAll
    static void freshKeyspace() {
        cassandra = new TestCassandra();
        cassandra.dropKeyspace(KEYSPACE);
        CassandraAcsStore.open(cassandra.config(KEYSPACE)).close();
    }

    @AfterAll
    static void dropKeyspace() {
        cassandra.dropKeyspace(KEYSPACE);
        cassandra.close();
    }

    private static AcsStore node(CassandraStoreConfig.LeaseMode mode) {
        return CassandraAcsStore.open(cassandra.config(KEYSPACE).withLeaseMode(mode), IndexedParameters.NONE);
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

    @Test
    void aQuorumClaimIsNotRenewedOnceTwoThirdsOfItsLifeHavePassed() {
        DeviceId id = new DeviceId("late-renewal");
        try (AcsStore a = node(CassandraStoreConfig.LeaseMode.QUORUM)) {
            assertThat(a.acquireLease(id, "node-a", Duration.ofSeconds(3))).isTrue();
            assertThat(a.renewLease(id, "node-a", Duration.ofSeconds(3))).as("renewed early").isTrue();
            long renewed = System.nanoTime();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> System.nanoTime() - renewed > Duration.ofMillis(2100).toNanos());
            assertThat(a.renewLease(id, "node-a", Duration.ofSeconds(3)))
                    .as("a claim that may have expired in the replicas is not revived").isFalse();
        }
    }

    /** The lease contract in the mode that is not the default (the whole contract runs in the default). */
    @Nested
    class InLightweightTransactionMode extends StoreUnderTest implements SessionLeasesContract {
        @Override
        public AcsStore newStore() {
            cassandra.truncate(KEYSPACE);
            return node(CassandraStoreConfig.LeaseMode.LWT);
        }

        @Override
        public AcsStore reopen(IndexedParameters indexed) {
            return CassandraAcsStore.open(cassandra.config(KEYSPACE).withLeaseMode(CassandraStoreConfig.LeaseMode.LWT),
                    indexed);
        }
    }
}
