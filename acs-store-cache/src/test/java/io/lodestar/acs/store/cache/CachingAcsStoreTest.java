package io.lodestar.acs.store.cache;

import io.lodestar.acs.core.access.ApiToken;
import io.lodestar.acs.core.access.TokenScope;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.IndexedParameters;
import io.lodestar.acs.store.CommitContract;
import io.lodestar.acs.store.DeviceSearchContract;
import io.lodestar.acs.store.DeviceStoreContract;
import io.lodestar.acs.store.OperationStoreContract;
import io.lodestar.acs.store.SessionLeasesContract;
import io.lodestar.acs.store.StoreLifecycleContract;
import io.lodestar.acs.store.StoreUnderTest;
import io.lodestar.acs.store.TaskStoreContract;
import io.lodestar.acs.store.TokenStoreContract;
import io.lodestar.acs.store.ConnectionRequestStoreContract;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.lodestar.acs.store.StoreTestData.INDEXED;
import static io.lodestar.acs.store.StoreTestData.changes;
import static io.lodestar.acs.store.StoreTestData.fullDevice;
import static io.lodestar.acs.store.StoreTestData.param;
import static io.lodestar.acs.store.StoreTestData.withParams;
import static io.lodestar.acs.store.StoreTestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contracts on the Caffeine cache over the embedded store, plus the cache's own promises. */
class CachingAcsStoreTest extends StoreUnderTest implements DeviceStoreContract, DeviceSearchContract,
        TaskStoreContract, OperationStoreContract, SessionLeasesContract, CommitContract, StoreLifecycleContract,
        TokenStoreContract, ConnectionRequestStoreContract,
        io.lodestar.acs.store.CpeCredentialStoreContract, io.lodestar.acs.store.ProfileStoreContract {

    @TempDir
    Path tmp;

    @Override
    public AcsStore newStore() {
        return new CachingAcsStore(RocksAcsStore.open(tmp.resolve("store"), INDEXED), 10_000_000);
    }

    @Override
    public AcsStore reopen(IndexedParameters indexed) {
        return new CachingAcsStore(RocksAcsStore.open(tmp.resolve("store"), indexed), 10_000_000);
    }

    @Override
    public int informHistoryLimit() {
        return RocksAcsStore.INFORM_HISTORY;
    }

    @Override
    public int faultHistoryLimit() {
        return RocksAcsStore.FAULT_HISTORY;
    }

    @Test
    void aRevocationInTheStoreShowsThroughTheCacheAtOnce() {
        try (RocksAcsStore rocks = RocksAcsStore.open(tmp.resolve("tokens"));
             CachingAcsStore cached = new CachingAcsStore(rocks, 10_000_000)) {
            ApiToken t = new ApiToken("tok-cached", "c", Set.of(TokenScope.WRITE), new byte[32], T0, null, null);
            cached.addToken(t);
            assertThat(cached.findToken("tok-cached")).contains(t);
            rocks.revokeToken("tok-cached", T0.plusSeconds(1)); // e.g. another tool writing to the engine
            assertThat(cached.findToken("tok-cached").orElseThrow().isValidAt(T0.plusSeconds(2))).isFalse();
            assertThat(cached.tokens()).containsExactly(t.revoked(T0.plusSeconds(1)));
        }
    }

    @Test
    void overAStoreWithoutTokensTheTokenCallsAreRefusedClearly() {
        AcsStore plain = (AcsStore) java.lang.reflect.Proxy.newProxyInstance(AcsStore.class.getClassLoader(),
                new Class<?>[] {AcsStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("toString")) {
                        return "a store without tokens";
                    }
                    throw new AssertionError("not called here: " + method);
                });
        CachingAcsStore cached = new CachingAcsStore(plain, 10);
        assertThatThrownBy(() -> cached.findToken("tok")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("keeps no API tokens").hasMessageContaining("a store without tokens");
        assertThatThrownBy(cached::tokens).isInstanceOf(UnsupportedOperationException.class);
    }

    private CachingAcsStore caching() {
        return (CachingAcsStore) store;
    }

    @Test
    void aSecondLoadIsServedFromTheCacheAndShowsEveryLaterCommit() {
        Device d = fullDevice("dev-cache");
        store.commit(withParams(d, param("Device.A", "1"), param("Device.B.C", "2")));
        DeviceSnapshot first = store.loadSnapshot(d.id()).orElseThrow();
        long hits = caching().cacheStats().hitCount();
        assertThat(store.loadSnapshot(d.id())).contains(first);
        assertThat(caching().cacheStats().hitCount()).isGreaterThan(hits);

        store.commit(changes(d, false, Set.of("Device.B."), List.of(param("Device.A", "3"), param("Device.D", "4"))));
        assertThat(store.loadSnapshot(d.id()).orElseThrow().parameters()).containsOnlyKeys("Device.A", "Device.D");
        assertThat(store.parameters(d.id(), "")).containsExactly(param("Device.A", "3"), param("Device.D", "4"));

        store.setTags(d.id(), Set.of("t"));
        assertThat(store.loadSnapshot(d.id()).orElseThrow().device().tags()).containsExactly("t");
        assertThat(store.findDevice(d.id()).orElseThrow().tags()).containsExactly("t");

        store.deleteDevice(d.id());
        assertThat(store.loadSnapshot(d.id())).isEmpty();
        assertThat(store.findDevice(d.id())).isEmpty();
    }

    @Test
    void theCacheStaysWithinItsBytesAndStaysCorrect() {
        for (int i = 0; i < 40; i++) {
            Device d = fullDevice("dev-w-" + i);
            Parameter[] ps = new Parameter[500];
            for (int j = 0; j < ps.length; j++) {
                ps[j] = param("Device.P." + j, i + "/" + j);
            }
            store.commit(withParams(d, ps));
            assertThat(store.loadSnapshot(d.id()).orElseThrow().parameters()).hasSize(500);
        }
        // 40 devices of about 120 KB each: a 10 MB cache would hold them all, this one holds a few
        CachingAcsStore small = new CachingAcsStore(store, 1_000_000);
        for (int i = 0; i < 40; i++) {
            assertThat(small.loadSnapshot(fullDevice("dev-w-" + i).id()).orElseThrow().parameters()).hasSize(500);
        }
        assertThat(small.cachedWeight()).isPositive().isLessThanOrEqualTo(1_000_000);
        assertThat(caching().cachedWeight()).isLessThanOrEqualTo(10_000_000);
        for (int i = 0; i < 40; i++) {
            assertThat(store.loadSnapshot(fullDevice("dev-w-" + i).id()).orElseThrow().parameters()
                    .get("Device.P.7").value()).isEqualTo(i + "/7");
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void readersRacingAWriterNeverSeeAnOlderCommitThanTheLastAcknowledged() throws Exception {
        Device d = fullDevice("dev-race");
        store.commit(withParams(d, param("Device.N", "0")));
        java.util.concurrent.atomic.AtomicLong acknowledged = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> readers = new java.util.ArrayList<>();
            for (int r = 0; r < 3; r++) {
                int reader = r;
                readers.add(pool.submit(() -> {
                    while (!done.get()) {
                        long floor = acknowledged.get();
                        long seen = reader == 0
                                ? Long.parseLong(store.loadSnapshot(d.id()).orElseThrow().parameters().get("Device.N").value())
                                : Long.parseLong(store.parameters(d.id(), "Device.N").get(0).value());
                        assertThat(seen).isGreaterThanOrEqualTo(floor);
                        if (reader == 2) {
                            ((CachingAcsStore) store).setTags(d.id(), Set.of("r" + seen));
                        }
                    }
                    return null;
                }));
            }
            for (long n = 1; n <= 300; n++) {
                store.commit(changes(d, n % 50 == 0, Set.of(), List.of(param("Device.N", Long.toString(n)))));
                acknowledged.set(n);
            }
            done.set(true);
            for (var f : readers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.loadSnapshot(d.id()).orElseThrow().parameters()).containsOnlyKeys("Device.N");
        assertThat(store.parameters(d.id(), "Device.N").get(0).value()).isEqualTo("300");
        try (RocksAcsStore stored = RocksAcsStore.openReadOnly(tmp.resolve("store"))) {
            assertThat(store.findDevice(d.id())).isEqualTo(stored.findDevice(d.id()));
            assertThat(store.loadSnapshot(d.id())).isEqualTo(stored.loadSnapshot(d.id()));
        }
    }

    @Test
    void applyingACommitTwiceGivesTheSameParameters() {
        Device d = fullDevice("dev-apply");
        var before = java.util.Map.of("Device.A.1.X", param("Device.A.1.X", "old"), "Device.B", param("Device.B", "b"));
        var changes = changes(d, false, Set.of("Device.A."), List.of(param("Device.A.2.X", "new")));
        var once = changes.applyTo(io.lodestar.acs.core.device.ParameterTree.of(before));
        assertThat(once.asMap()).containsOnlyKeys("Device.B", "Device.A.2.X");
        assertThat(changes.applyTo(once)).isEqualTo(once);
    }

    @Test
    void aCommitThatOnlyUpsertsWeighsTheEntryAsWeighingItsWholeTreeWould() {
        Device d = fullDevice("dev-weight");
        var tree = io.lodestar.acs.core.device.ParameterTree.of(java.util.Map.of(
                "Device.A", param("Device.A", "old value"), "Device.B", param("Device.B", "b")));
        var old = new CachingAcsStore.Entry(d, tree);
        var changes = changes(d, false, Set.of(), List.of(param("Device.A", "a much longer new value"),
                param("Device.C", "c")));
        var entry = CachingAcsStore.applied(old, d, changes);
        assertThat(entry.parameters()).isEqualTo(changes.applyTo(tree));
        assertThat(entry.weight()).isEqualTo(CachingAcsStore.estimatedBytes(entry.parameters()));
    }

    @Test
    void cpeCredentialLookupsAreCachedAndAWriteThroughTheCacheIsSeenAtOnce() {
        try (RocksAcsStore rocks = RocksAcsStore.open(tmp.resolve("credentials"));
             CachingAcsStore cached = new CachingAcsStore(rocks, 10_000_000)) {
            var fleet = io.lodestar.acs.core.access.CpeCredentialScope.FLEET;
            var device = new io.lodestar.acs.core.access.CpeCredentialScope.Device(
                    new io.lodestar.acs.core.device.DeviceId("00D09E-PHONE1"));
            var first = new io.lodestar.acs.core.access.CpeCredential("cpe", "lodestar", "a".repeat(32), "b".repeat(64), T0);
            var second = new io.lodestar.acs.core.access.CpeCredential("cpe2", "lodestar", "c".repeat(32), "d".repeat(64), T0);
            cached.putCpeCredential(fleet, first);
            assertThat(cached.findCpeCredential(fleet)).contains(first);
            assertThat(cached.findCpeCredential(device)).as("absent, and cached as absent").isEmpty();
            rocks.putCpeCredential(fleet, second); // behind the cache's back (as another node would)
            rocks.putCpeCredential(device, second);
            assertThat(cached.findCpeCredential(fleet)).as("served from the cache").contains(first);
            assertThat(cached.findCpeCredential(device)).isEmpty();
            cached.putCpeCredential(fleet, second);
            assertThat(cached.findCpeCredential(fleet)).as("a write through the cache").contains(second);
            cached.deleteCpeCredential(device);
            assertThat(cached.findCpeCredential(device)).isEmpty();
            assertThat(cached.putCpeCredentialIfAbsent(device, first)).isTrue();
            assertThat(cached.findCpeCredential(device)).contains(first);
        }
    }

    @Test
    void pendingCpeCredentialsAreNotCached() {
        try (RocksAcsStore rocks = RocksAcsStore.open(tmp.resolve("pending"));
             CachingAcsStore cached = new CachingAcsStore(rocks, 10_000_000)) {
            var pending = new io.lodestar.acs.core.access.CpeCredentialScope.Device(
                    new io.lodestar.acs.core.device.DeviceId("\u0001pending\u000100D09E-PHONE1"));
            var c = new io.lodestar.acs.core.access.CpeCredential("cpe-1", "lodestar", "a".repeat(32), "b".repeat(64), T0);
            assertThat(cached.findCpeCredential(pending)).isEmpty();
            rocks.putCpeCredential(pending, c); // set on another node
            assertThat(cached.findCpeCredential(pending)).contains(c);
        }
    }
}
