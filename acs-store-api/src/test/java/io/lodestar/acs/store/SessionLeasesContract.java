package io.lodestar.acs.store;

import io.lodestar.acs.core.device.DeviceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.lodestar.acs.store.StoreTestData.fullDevice;
import static io.lodestar.acs.store.StoreTestData.id;
import static io.lodestar.acs.store.StoreTestData.param;
import static io.lodestar.acs.store.StoreTestData.withParams;
import static org.assertj.core.api.Assertions.assertThat;

/** The promises of {@link SessionLeases}: one owner at a time per device, until the lease expires. */
public interface SessionLeasesContract extends StoreFixture {

    @Test
    default void oneOwnerAtATimeHoldsADevicesLease() {
        DeviceId d = id("lease-1");
        Duration ttl = Duration.ofMinutes(1);

        assertThat(store().acquireLease(d, "node-a", ttl)).isTrue();
        assertThat(store().acquireLease(d, "node-b", ttl)).isFalse();
        assertThat(store().acquireLease(d, "node-a", ttl)).as("the holder may take it again").isTrue();
        assertThat(store().renewLease(d, "node-a", ttl)).isTrue();
        assertThat(store().renewLease(d, "node-b", ttl)).isFalse();
        store().releaseLease(d, "node-b"); // not b's: nothing happens
        assertThat(store().acquireLease(d, "node-b", ttl)).isFalse();
        store().releaseLease(d, "node-a");
        assertThat(store().acquireLease(d, "node-b", ttl)).isTrue();
        assertThat(store().acquireLease(id("lease-2"), "node-a", ttl)).as("leases are per device").isTrue();
    }

    @Test
    default void anExpiredLeaseCanBeTakenAndNoLongerRenewed() {
        DeviceId d = id("lease-3");
        assertThat(store().acquireLease(d, "node-a", Duration.ofSeconds(2))).isTrue();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> store().acquireLease(d, "node-b", Duration.ofMinutes(1)));

        assertThat(store().renewLease(d, "node-a", Duration.ofMinutes(1))).isFalse();
        assertThat(store().acquireLease(d, "node-a", Duration.ofMinutes(1))).isFalse();
    }

    @Test
    default void aSessionEndsWithItsCommitAndItsLeaseGivenUpInOneCall() {
        DeviceId d = id("lease-4");
        Duration ttl = Duration.ofMinutes(1);
        assertThat(store().acquireLease(d, "node-a", ttl)).isTrue();

        store().commitAndReleaseLease(withParams(fullDevice(d.value()), param("Device.X", "1")), "node-a");

        assertThat(store().parameters(d, "")).extracting(p -> p.path() + "=" + p.value()).containsExactly("Device.X=1");
        assertThat(store().acquireLease(d, "node-b", ttl)).as("the lease was given up with the commit").isTrue();
    }

    @Test
    default void aCommitAndReleaseByANodeThatDoesNotHoldTheLeaseLeavesItHeld() {
        DeviceId d = id("lease-5");
        Duration ttl = Duration.ofMinutes(1);
        assertThat(store().acquireLease(d, "node-a", ttl)).isTrue();

        store().commitAndReleaseLease(withParams(fullDevice(d.value()), param("Device.X", "2")), "node-b");

        assertThat(store().parameters(d, "")).extracting(p -> p.path() + "=" + p.value()).containsExactly("Device.X=2");
        assertThat(store().acquireLease(d, "node-b", ttl)).as("node-a's lease is still held").isFalse();
        assertThat(store().renewLease(d, "node-a", ttl)).isTrue();
    }

    @Test
    default void aSessionOpensWithTheLeaseAndWhatTheDeviceHolds() {
        DeviceId d = id("lease-6");
        Duration ttl = Duration.ofMinutes(1);
        store().commit(withParams(fullDevice(d.value()), param("Device.X", "3")));

        java.util.Optional<SessionStart> start = store().acquireLeaseAndLoadSessionStart(d, "node-a", ttl);

        assertThat(start).hasValueSatisfying(s -> assertThat(s.snapshot()).hasValueSatisfying(
                snap -> assertThat(snap.tree().get("Device.X").value()).isEqualTo("3")));
        assertThat(store().acquireLease(d, "node-b", ttl)).as("node-a holds the lease").isFalse();
        assertThat(store().acquireLeaseAndLoadSessionStart(d, "node-a", ttl)).as("the holder may open again")
                .isPresent();
        store().releaseLease(d, "node-a");
        assertThat(store().acquireLeaseAndLoadSessionStart(id("lease-7"), "node-b", ttl))
                .as("an unknown device opens with its lease and nothing stored")
                .hasValueSatisfying(s -> assertThat(s.snapshot()).isEmpty());
    }

    @Test
    default void aSessionOpeningIsRefusedWithoutReadingWhileAnotherOwnerHoldsTheLease() {
        DeviceId d = id("lease-8");
        Duration ttl = Duration.ofMinutes(1);
        store().commit(withParams(fullDevice(d.value()), param("Device.X", "4")));
        assertThat(store().acquireLease(d, "node-a", ttl)).isTrue();

        assertThat(store().acquireLeaseAndLoadSessionStart(d, "node-b", ttl)).isEmpty();

        assertThat(store().renewLease(d, "node-a", ttl)).as("node-a's lease is untouched").isTrue();
        store().releaseLease(d, "node-a");
        assertThat(store().acquireLeaseAndLoadSessionStart(d, "node-b", ttl)).isPresent();
    }
}
