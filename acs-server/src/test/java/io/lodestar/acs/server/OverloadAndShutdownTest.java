package io.lodestar.acs.server;

import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.store.embedded.RocksAcsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole ACS under a storm of simulated CPEs: admission control turns the excess away with 503 and Retry-After
 * while started sessions finish, and a graceful stop lets every started session complete and be stored.
 */
class OverloadAndShutdownTest {

    @TempDir
    Path data;

    /** A CPE that honours 503 + Retry-After (1 to 2 s here) and tries again until its session succeeds. */
    private static CompletableFuture<List<SessionReport>> untilServed(SimulatedCpe cpe, List<SessionReport> reports) {
        return cpe.runSession().thenCompose(report -> {
            reports.add(report);
            if (report.ok() || !report.httpStatuses().equals(List.of(503))) {
                return CompletableFuture.completedFuture(reports);
            }
            long wait = ThreadLocalRandom.current().nextLong(1000, 2001); // the CPE waits as told
            return CompletableFuture.supplyAsync(() -> cpe, CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS))
                    .thenCompose(same -> untilServed(same, reports));
        });
    }

    @Test
    void aBootStormIsServedInTurnWith503AndRetryAfterAndNoCpeTimesOut() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("cwmp.max-sessions", "4", "cwmp.reserved-sessions", "1",
                "cwmp.retry-after-min", "1s", "cwmp.retry-after-max", "2s"))) {
            List<SimulatedCpe> cpes = new ArrayList<>();
            List<CompletableFuture<List<SessionReport>>> storms = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                SimulatedCpe cpe = acs.phone(String.format("STORM%04d", i));
                cpes.add(cpe);
                storms.add(untilServed(cpe, new ArrayList<>()));
            }

            List<SessionReport> all = new ArrayList<>();
            for (CompletableFuture<List<SessionReport>> storm : storms) {
                all.addAll(storm.get(5, TimeUnit.MINUTES));
            }

            assertThat(all).filteredOn(SessionReport::ok).hasSize(20);
            assertThat(all).filteredOn(r -> !r.ok()).as("turned away, never timed out or cut")
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.httpStatuses()).containsExactly(503));
            for (SimulatedCpe cpe : cpes) {
                assertThat(acs.store().informs(AcsHarness.idOf(cpe), 10)).as("stored for %s", cpe).isNotEmpty();
            }
        }
    }

    @Test
    void aGracefulStopUnderLoadLetsEveryStartedSessionCompleteAndBeStored() throws Exception {
        List<SimulatedCpe> cpes = new ArrayList<>();
        List<CompletableFuture<SessionReport>> sessions = new ArrayList<>();
        // the level walk keeps each bootstrap session long (dozens of round trips), so several are in progress at the stop
        try (AcsHarness acs = new AcsHarness(data, Map.of("cwmp.shutdown-grace", "60s",
                "session.discovery", "level-by-level"))) {
            for (int i = 0; i < 20; i++) {
                SimulatedCpe cpe = acs.phone(String.format("STOP%04d", i));
                cpes.add(cpe);
                sessions.add(cpe.runSession(List.of(EventStruct.of(EventStruct.BOOTSTRAP))));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> acs.server().cwmp().sessionsInProgress() >= 3);

            acs.server().stopGracefully(); // what the SIGTERM hook runs

            List<SessionReport> reports = new ArrayList<>();
            for (CompletableFuture<SessionReport> session : sessions) {
                reports.add(session.get(60, TimeUnit.SECONDS));
            }
            assertThat(reports).filteredOn(SessionReport::ok).as("sessions started before the stop").isNotEmpty();
            assertThat(reports).filteredOn(r -> !r.ok()).as("sessions refused by the stopping ACS, never cut")
                    .allSatisfy(r -> assertThat(r.httpStatuses()).containsExactly(503));
        }
        try (RocksAcsStore store = RocksAcsStore.open(data, RocksAcsStore.Option.NO_SYNC)) {
            for (int i = 0; i < cpes.size(); i++) {
                SessionReport report = sessions.get(i).get();
                if (report.ok()) {
                    assertThat(store.informs(AcsHarness.idOf(cpes.get(i)), 10)).as("stored for %s", cpes.get(i))
                            .isNotEmpty();
                    assertThat(store.parameters(AcsHarness.idOf(cpes.get(i)), "Device.")).isNotEmpty();
                }
            }
        }
    }
}
