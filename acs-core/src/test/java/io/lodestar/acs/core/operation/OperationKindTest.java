package io.lodestar.acs.core.operation;

import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OperationKindTest {

    private static Inform informWith(EventStruct... events) {
        return new Inform(new DeviceIdStruct("Acme", "00D09E", "Router", "SN1"), List.of(events), 1,
                "2025-03-01T10:00:00Z", 0, List.of());
    }

    @Test
    void aRebootEndsWithMRebootCarryingItsCommandKey() {
        assertThat(OperationKind.REBOOT.isEndReportedBy(informWith(new EventStruct(EventStruct.M_REBOOT, "ck-1")),
                "ck-1")).isTrue();
        assertThat(OperationKind.REBOOT.isEndReportedBy(informWith(new EventStruct(EventStruct.M_REBOOT, "ck-2")),
                "ck-1")).as("another reboot's report").isFalse();
        assertThat(OperationKind.REBOOT.isEndReportedBy(informWith(EventStruct.of(EventStruct.BOOT),
                EventStruct.of(EventStruct.BOOTSTRAP)), "")).as("a boot without M Reboot").isFalse();
    }

    @Test
    void aFactoryResetEndsWithABootstrapWhateverItsCommandKey() {
        assertThat(OperationKind.FACTORY_RESET.isEndReportedBy(informWith(EventStruct.of(EventStruct.BOOTSTRAP),
                EventStruct.of(EventStruct.BOOT)), "")).isTrue();
        assertThat(OperationKind.FACTORY_RESET.isEndReportedBy(informWith(new EventStruct(EventStruct.M_REBOOT, "")),
                "")).isFalse();
    }
}
