package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.rpc.EventStruct;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which commits prune the inform history: about one in sixteen, also for devices that inform like clockwork. */
class InformPruningTest {

    private static InformRecord inform(DeviceId id, Instant at) {
        return new InformRecord(id, at, List.of(EventStruct.of(EventStruct.PERIODIC)), "192.0.2.1", 0);
    }

    @Test
    void periodicInformsOnWholeSecondsArePrunedAboutOnceInSixteenCommitsWithShortGaps() {
        Instant start = Instant.parse("2026-12-07T00:00:00Z");
        int devices = 50;
        int sessions = 1600;
        long pruned = 0;
        int longestGap = 0;
        for (int d = 0; d < devices; d++) {
            DeviceId id = new DeviceId("00D09E-RG7-" + d);
            int gap = 0;
            for (int s = 0; s < sessions; s++) {
                if (CassandraAcsStore.prunesInforms(id, List.of(inform(id, start.plusSeconds(300L * s))))) {
                    pruned++;
                    gap = 0;
                } else {
                    longestGap = Math.max(longestGap, ++gap);
                }
            }
        }
        double share = pruned / (double) (devices * sessions);
        assertThat(share).isBetween(1 / 16.0 * 0.9, 1 / 16.0 * 1.1);
        assertThat(longestGap).as("rows above the kept 50 between two prunes").isLessThan(250);
    }

    @Test
    void committingTheSameInformAgainDecidesAlikeAndSeveralInformsAlwaysPrune() {
        DeviceId id = new DeviceId("dev");
        Instant at = Instant.parse("2026-12-07T10:00:00.123456789Z");
        for (int i = 0; i < 100; i++) {
            Instant t = at.plusSeconds(i);
            assertThat(CassandraAcsStore.prunesInforms(id, List.of(inform(id, t))))
                    .isEqualTo(CassandraAcsStore.prunesInforms(id, List.of(inform(id, t))));
        }
        assertThat(CassandraAcsStore.prunesInforms(id, List.of(inform(id, at), inform(id, at.plusSeconds(1)))))
                .isTrue();
    }
}
