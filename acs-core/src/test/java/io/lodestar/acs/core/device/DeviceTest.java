package io.lodestar.acs.core.device;

import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final DeviceId ID = new DeviceId("00D09E-RG7-SN1");

    private static Device full() {
        return Device.builder(ID, T0)
                .deviceIdStruct(new DeviceIdStruct("Acme", "00D09E", "RG7", "SN1"))
                .lastContact(new LastContact(T0.plusSeconds(60), T0.plusSeconds(30), List.of(EventStruct.of("1 BOOT")),
                        "192.0.2.1", "1.4"))
                .reachability(new Reachability("http://192.0.2.1:7547/cr"))
                .inventory(new Inventory("Device.", "4.2", "HW-B"))
                .discovery(new DiscoveryState(false, T0.plusSeconds(90)))
                .tags(Set.of("lab"))
                .build();
    }

    @Test
    void aRegisteredDeviceKnowsOnlyItsIdentityAndNeedsDiscovery() {
        Device d = Device.register(ID, T0);
        assertThat(d.identity()).isEqualTo(new DeviceIdentity(ID, null, T0));
        assertThat(d.lastContact()).isEqualTo(LastContact.NEVER);
        assertThat(d.reachability()).isEqualTo(Reachability.UNKNOWN);
        assertThat(d.inventory()).isEqualTo(Inventory.UNKNOWN);
        assertThat(d.discovery()).isEqualTo(DiscoveryState.REQUIRED);
        assertThat(d.tags()).isEmpty();
        assertThat(d.lastEvents()).isEmpty();
        assertThat(d.discoveryRequired()).isTrue();
    }

    @Test
    void aDeviceRebuiltFromItsBuilderIsEqualToIt() {
        Device d = full();
        assertThat(d.toBuilder().build()).isEqualTo(d);
        assertThat(Device.register(ID, T0).toBuilder().build()).isEqualTo(Device.register(ID, T0));
    }

    @Test
    void theBuilderChangesOnlyThePartsItIsGiven() {
        Device d = full();
        Device moved = d.toBuilder().reachability(new Reachability("http://198.51.100.7/cr")).build();
        assertThat(moved.connectionRequestUrl()).isEqualTo("http://198.51.100.7/cr");
        assertThat(moved.identity()).isSameAs(d.identity());
        assertThat(moved.lastContact()).isSameAs(d.lastContact());
        assertThat(moved.inventory()).isSameAs(d.inventory());
        assertThat(moved.discovery()).isSameAs(d.discovery());
        assertThat(moved.tags()).isEqualTo(d.tags());
        Device reported = d.toBuilder().deviceIdStruct(new DeviceIdStruct("Acme", "00D09E", "RG8", "SN1")).build();
        assertThat(reported.id()).isEqualTo(ID);
        assertThat(reported.registeredAt()).isEqualTo(T0);
        assertThat(reported.deviceIdStruct().productClass()).isEqualTo("RG8");
    }

    @Test
    void theShortHandsReadThePartsFields() {
        Device d = full();
        assertThat(d.id()).isEqualTo(ID);
        assertThat(d.deviceIdStruct().serialNumber()).isEqualTo("SN1");
        assertThat(d.registeredAt()).isEqualTo(T0);
        assertThat(d.lastInformAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(d.lastBootAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(d.lastEvents()).containsExactly(EventStruct.of("1 BOOT"));
        assertThat(d.remoteAddress()).isEqualTo("192.0.2.1");
        assertThat(d.cwmpVersion()).isEqualTo("1.4");
        assertThat(d.connectionRequestUrl()).isEqualTo("http://192.0.2.1:7547/cr");
        assertThat(d.dataModelRoot()).isEqualTo("Device.");
        assertThat(d.softwareVersion()).isEqualTo("4.2");
        assertThat(d.hardwareVersion()).isEqualTo("HW-B");
        assertThat(d.discoveryRequired()).isFalse();
        assertThat(d.discoveredAt()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void withDiscoveryAndWithTagsChangeNothingElse() {
        Device d = full();
        assertThat(d.withDiscovery(true, null)).isEqualTo(d.toBuilder().discovery(DiscoveryState.REQUIRED).build());
        assertThat(d.withTags(Set.of("a", "b"))).isEqualTo(d.toBuilder().tags(Set.of("a", "b")).build());
    }

    @Test
    void aDeviceWithoutAPartIsRefused() {
        assertThatThrownBy(() -> full().toBuilder().inventory(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("inventory");
        assertThatThrownBy(() -> Device.register(null, T0))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("id");
    }
}
