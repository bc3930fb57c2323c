package io.lodestar.acs.sim.load;

import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.sim.client.FakeAcs;
import io.lodestar.acs.sim.model.DataModel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The generator against a scripted ACS over real HTTP (acs-sim's {@link FakeAcs}). */
class LoadGeneratorTest {

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    private LoadConfig config(FakeAcs acs, Scenario scenario, int devices, int concurrency, long maxSessions,
                              boolean prime) {
        return new LoadConfig(acs.url(), DataModel.ipPhone("BASE0000000"), devices, "T", scenario, concurrency, 0,
                Duration.ofSeconds(60), maxSessions, prime, Duration.ofSeconds(60), 0.001, null, null, false,
                Duration.ofSeconds(10), Duration.ofMillis(200), null, null);
    }

    private LoadReport run(LoadConfig c) throws Exception {
        return new LoadGenerator(c, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
    }

    @Test
    void aDiscoveryServesEveryDeviceOnceWithItsOwnIdentityAndAnswersTheAcsRequests() throws Exception {
        try (FakeAcs acs = new FakeAcs().script(new GetParameterNames("Device.", true),
                new GetParameterValues(List.of("Device.DeviceInfo.")))) {
            LoadReport report = run(config(acs, Scenario.DISCOVERY, 40, 4, 0, false));

            PhaseResult p = report.measured();
            assertThat(report.phases()).hasSize(1);
            assertThat(p.devicesServed()).isEqualTo(40);
            assertThat(p.ok()).isEqualTo(40);
            assertThat(p.failed()).isZero();
            assertThat(p.drainSeconds()).isPositive();
            assertThat(p.rpcs()).containsEntry("GetParameterNames", 40L).containsEntry("GetParameterValues", 40L);
            assertThat(report.goalReached()).isTrue();
            Set<String> serials = acs.sessions().stream().map(s -> s.inform.deviceId().serialNumber())
                    .collect(Collectors.toSet());
            assertThat(serials).hasSize(40).contains("T0000001", "T0000040");
            assertThat(acs.sessions()).allSatisfy(s -> assertThat(s.inform.events()).extracting(EventStruct::eventCode)
                    .containsExactly("0 BOOTSTRAP", "1 BOOT"));
            assertThat(acs.sessions()).allSatisfy(s -> assertThat(s.answers).hasSize(2));
            assertThat(report.toJson()).contains("\"sessionsOk\":40", "\"sessionLatencyMs\":{\"count\":40",
                    "\"p99\":", "\"errors\":{}");
            assertThat(progress.toString(StandardCharsets.UTF_8)).doesNotContain("Exception");
        }
    }

    @Test
    void aBootStormRetriesRefusedSessionsWithTheBackOffUntilEveryDeviceIsServed() throws Exception {
        try (FakeAcs acs = new FakeAcs().refuseInforms(new FakeAcs.Refusal(503, null))) {
            Thread lift = new Thread(() -> {
                await().atMost(Duration.ofSeconds(30)).until(() -> acs.exchanges().size() >= 30);
                acs.refuseInforms(null);
            });
            lift.start();
            LoadReport report = run(config(acs, Scenario.BOOT_STORM, 20, 5, 0, true));
            lift.join();

            assertThat(report.phases()).extracting(PhaseResult::name).containsExactly("prime", "boot-storm");
            PhaseResult storm = report.measured();
            assertThat(storm.devicesServed()).isEqualTo(20);
            assertThat(report.goalReached()).isTrue();
            assertThat(report.phases().get(0).errors()).containsKey("http_503");
            List<Inform> boots = acs.sessions().stream().map(s -> s.inform)
                    .filter(i -> i.hasEvent(EventStruct.BOOT) && !i.hasEvent(EventStruct.BOOTSTRAP)).toList();
            assertThat(boots).hasSize(20);
            // refused devices told the ACS how often they had failed
            assertThat(acs.sessions().stream().map(s -> s.inform).filter(i -> i.hasEvent(EventStruct.BOOTSTRAP)))
                    .anySatisfy(i -> assertThat(i.retryCount()).isPositive());
        }
    }

    @Test
    void periodicSessionsStopAtTheSessionBoundAndCarryThePeriodicEvent() throws Exception {
        try (FakeAcs acs = new FakeAcs()) {
            LoadReport report = run(config(acs, Scenario.PERIODIC, 10, 3, 45, false));

            assertThat(report.measured().ok()).isEqualTo(45);
            assertThat(report.goalReached()).isTrue();
            assertThat(acs.sessions()).hasSize(45).allSatisfy(s -> assertThat(s.inform.events())
                    .extracting(EventStruct::eventCode).containsExactly("2 PERIODIC"));
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[periodic");
        }
    }
}
