package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryIndexTest {

    static {
        RocksDB.loadLibrary();
    }

    private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");
    private static final Device DEVICE = Device.builder(new DeviceId("00D09E-RG7-SN1"), T0)
            .deviceIdStruct(new DeviceIdStruct("Acme", "00D09E", "RG7", "SN1"))
            .inventory(new Inventory("Device.", "1.0", "hw1"))
            .tags(Set.of("lab"))
            .build();

    @Test
    void aPeriodicSessionsDeviceWithTheSameIndexedFieldsAddsNothingToTheBatch() throws Exception {
        Device informed = DEVICE.toBuilder()
                .lastContact(new LastContact(T0.plusSeconds(3600), null, List.of(io.lodestar.acs.core.rpc.EventStruct.of("2 PERIODIC")), "192.0.2.1", "1.4"))
                .inventory(new Inventory("Device.", "1.0", "hw2")) // the hardware version is not indexed
                .build();
        try (WriteBatch batch = new WriteBatch()) {
            new SummaryIndex(null, true).update(batch, Keys.device(DEVICE.id()), DEVICE, informed);
            assertThat(batch.count()).isZero();
        }
    }

    @Test
    void devicesHaveTheSameEntriesOnlyWithTheSameProductClassSoftwareVersionAndTags() {
        assertThat(SummaryIndex.sameEntries(DEVICE, DEVICE.toBuilder().build())).isTrue();
        assertThat(SummaryIndex.sameEntries(DEVICE, DEVICE.toBuilder()
                .inventory(new Inventory("Device.", "2.0", "hw1")).build())).isFalse();
        assertThat(SummaryIndex.sameEntries(DEVICE, DEVICE.withTags(Set.of("lab", "east")))).isFalse();
        assertThat(SummaryIndex.sameEntries(DEVICE, DEVICE.toBuilder()
                .deviceIdStruct(new DeviceIdStruct("Acme", "00D09E", "RG8", "SN1")).build())).isFalse();
        assertThat(SummaryIndex.sameEntries(DEVICE, DEVICE.toBuilder().deviceIdStruct(null).build())).isFalse();
        Device unknown = Device.builder(DEVICE.id(), T0).build();
        assertThat(SummaryIndex.sameEntries(unknown, Device.builder(DEVICE.id(), T0.plusSeconds(1)).build())).isTrue();
    }
}
