package io.lodestar.acs.store.cache;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.lodestar.acs.store.StoreTestData.INDEXED;
import static io.lodestar.acs.store.StoreTestData.fullDevice;
import static io.lodestar.acs.store.StoreTestData.param;
import static io.lodestar.acs.store.StoreTestData.session;
import static io.lodestar.acs.store.StoreTestData.withParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

/**
 * A write acknowledged while another thread is loading the same device into the cache for the first time: the
 * load read the device before the write, so the write must be applied to what the load caches, or the cache would
 * serve the device as it was before an acknowledged write until the entry is evicted. The delegate holds the load
 * after its read until the write is in the store, which is the interleaving a racing reader can hit.
 */
@Timeout(30)
class CachingAcsStoreLoadRaceTest {

    @TempDir
    Path tmp;
    private RocksAcsStore rocks;
    private CachingAcsStore cache;
    private final CountDownLatch loadHasRead = new CountDownLatch(1);
    private final CountDownLatch writeIsStored = new CountDownLatch(1);
    private final Device device = fullDevice("dev-load-race");

    @BeforeEach
    void open() {
        rocks = RocksAcsStore.open(tmp.resolve("store"), INDEXED);
        rocks.commit(withParams(device, param("Device.N", "0")));
        AcsStore delegate = mock(AcsStore.class, delegatesTo(rocks));
        doAnswer(call -> {
            Optional<DeviceSnapshot> read = rocks.loadSnapshot(call.getArgument(0));
            loadHasRead.countDown();
            assertThat(writeIsStored.await(10, TimeUnit.SECONDS)).isTrue();
            return read;
        }).when(delegate).loadSnapshot(any());
        doAnswer(call -> {
            Optional<Device> stored = rocks.commitAndFind(call.getArgument(0));
            writeIsStored.countDown();
            return stored;
        }).when(delegate).commitAndFind(any());
        doAnswer(call -> {
            Optional<Device> stored = rocks.setTags(call.getArgument(0), call.getArgument(1));
            writeIsStored.countDown();
            return stored;
        }).when(delegate).setTags(any(), any());
        cache = new CachingAcsStore(delegate, 10_000_000);
    }

    @AfterEach
    void close() {
        rocks.close();
    }

    @Test
    void aCommitAcknowledgedWhileTheDeviceIsFirstLoadedIsInWhatTheCacheKeeps() throws Exception {
        CompletableFuture<Optional<DeviceSnapshot>> load = CompletableFuture.supplyAsync(
                () -> cache.loadSnapshot(device.id()));
        assertThat(loadHasRead.await(10, TimeUnit.SECONDS)).isTrue();

        cache.commit(session(device).upsert(param("Device.N", "1")).build());
        load.get(10, TimeUnit.SECONDS);

        assertThat(cache.loadSnapshot(device.id()).orElseThrow().parameters().get("Device.N").value()).isEqualTo("1");
    }

    @Test
    void tagsSetWhileTheDeviceIsFirstLoadedAreInWhatTheCacheKeeps() throws Exception {
        CompletableFuture<Optional<DeviceSnapshot>> load = CompletableFuture.supplyAsync(
                () -> cache.loadSnapshot(device.id()));
        assertThat(loadHasRead.await(10, TimeUnit.SECONDS)).isTrue();

        cache.setTags(device.id(), Set.of("set-during-the-load"));
        load.get(10, TimeUnit.SECONDS);

        assertThat(cache.findDevice(device.id())).map(Device::tags).contains(Set.of("set-during-the-load"));
        assertThat(cache.loadSnapshot(device.id()).orElseThrow().device().tags())
                .containsExactly("set-during-the-load");
    }
}
