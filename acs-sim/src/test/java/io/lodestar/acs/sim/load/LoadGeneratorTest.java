package io.lodestar.acs.sim.load;

import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.sim.client.FakeAcs;
import io.lodestar.acs.sim.model.DataModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The generator against a scripted ACS over real HTTP (acs-sim's {@link FakeAcs}). */
class LoadGeneratorTest {

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    private LoadConfig config(FakeAcs acs, Scenario scenario, int devices, int concurrency, long maxSessions,
                              boolean prime, LoadConfig.Engine engine) {
        return new LoadConfig(acs.url(), DataModel.ipPhone("BASE0000000"), devices, "T", scenario, concurrency, 0,
                Duration.ofSeconds(60), maxSessions, prime, Duration.ofSeconds(60), 0.001, null, null, false,
                Duration.ofSeconds(10), Duration.ofMillis(200), null, null, true, engine);
    }

    private LoadConfig digest(FakeAcs acs, int devices, long maxSessions, boolean reuseNonce, LoadConfig.Engine engine) {
        return new LoadConfig(acs.url(), DataModel.ipPhone("BASE0000000"), devices, "T", Scenario.PERIODIC, devices, 0,
                Duration.ofSeconds(60), maxSessions, false, Duration.ofSeconds(60), 0.001, "cpe", "secret", false,
                Duration.ofSeconds(10), Duration.ofMillis(200), null, null, reuseNonce, engine);
    }

    private LoadReport run(LoadConfig c) throws Exception {
        return new LoadGenerator(c, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
    }

    @ParameterizedTest
    @EnumSource(LoadConfig.Engine.class)
    void aDiscoveryServesEveryDeviceOnceWithItsOwnIdentityAndAnswersTheAcsRequests(LoadConfig.Engine engine)
            throws Exception {
        try (FakeAcs acs = new FakeAcs().script(new GetParameterNames("Device.", true),
                new GetParameterValues(List.of("Device.DeviceInfo.")))) {
            LoadReport report = run(config(acs, Scenario.DISCOVERY, 40, 4, 0, false, engine));

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

    @ParameterizedTest
    @EnumSource(LoadConfig.Engine.class)
    void aBootStormRetriesRefusedSessionsWithTheBackOffUntilEveryDeviceIsServed(LoadConfig.Engine engine)
            throws Exception {
        try (FakeAcs acs = new FakeAcs().refuseInforms(new FakeAcs.Refusal(503, null))) {
            Thread lift = new Thread(() -> {
                await().atMost(Duration.ofSeconds(30)).until(() -> acs.exchanges().size() >= 30);
                acs.refuseInforms(null);
            });
            lift.start();
            LoadReport report = run(config(acs, Scenario.BOOT_STORM, 20, 5, 0, true, engine));
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

    @ParameterizedTest
    @EnumSource(LoadConfig.Engine.class)
    void periodicSessionsStopAtTheSessionBoundAndCarryThePeriodicEvent(LoadConfig.Engine engine) throws Exception {
        try (FakeAcs acs = new FakeAcs()) {
            LoadReport report = run(config(acs, Scenario.PERIODIC, 10, 3, 45, false, engine));

            assertThat(report.measured().ok()).isEqualTo(45);
            assertThat(report.goalReached()).isTrue();
            assertThat(acs.sessions()).hasSize(45).allSatisfy(s -> assertThat(s.inform.events())
                    .extracting(EventStruct::eventCode).containsExactly("2 PERIODIC"));
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[periodic");
        }
    }

    @ParameterizedTest
    @EnumSource(LoadConfig.Engine.class)
    void digestDevicesPresentTheirLastNonceAtTheNextSessionAndAnswerAStaleOneOnce(LoadConfig.Engine engine)
            throws Exception {
        // a nonce authorizes 4 requests: two sessions of Inform + empty POST, then the ACS calls it stale
        try (FakeAcs acs = new FakeAcs().requireDigest("cpe", 4)) {
            LoadReport report = run(digest(acs, 3, 18, true, engine));

            assertThat(report.measured().ok()).isEqualTo(18);
            assertThat(report.measured().errors()).isEmpty();
            List<String> refusals = acs.exchanges().stream().map(FakeAcs.Exchange::cpeMethod)
                    .filter(m -> m.startsWith("(")).filter(m -> !m.equals("(empty)")).toList();
            // one challenge per device at its first session, then only the stale nonces: one every second session
            assertThat(refusals.stream().filter(m -> m.equals("(unauthorized)"))).hasSize(3);
            assertThat(refusals.stream().filter(m -> m.equals("(stale)"))).hasSize(6);
            assertThat(acs.sessions()).hasSize(18);
        }
    }

    @ParameterizedTest
    @EnumSource(LoadConfig.Engine.class)
    void withoutNonceReuseEverySessionStartsUnauthenticatedAndAnswersTheChallenge(LoadConfig.Engine engine)
            throws Exception {
        try (FakeAcs acs = new FakeAcs().requireDigest("cpe", 1000)) {
            LoadReport report = run(digest(acs, 4, 12, false, engine));

            assertThat(report.measured().ok()).isEqualTo(12);
            assertThat(acs.exchanges().stream().filter(e -> e.cpeMethod().equals("(unauthorized)"))).hasSize(12);
            assertThat(acs.exchanges().stream().filter(e -> e.cpeMethod().equals("Inform")))
                    .hasSize(12).allSatisfy(e -> assertThat(e.authorization()).startsWith("Digest "));
        }
    }

    @ParameterizedTest
    @EnumSource(LoadConfig.Engine.class)
    void aSessionPerConnectionOpensANewConnectionForEverySession(LoadConfig.Engine engine) throws Exception {
        try (FakeAcs acs = new FakeAcs()) {
            LoadConfig c = config(acs, Scenario.PERIODIC, 5, 2, 10, false, engine);
            LoadReport report = run(new LoadConfig(c.url(), c.model(), c.devices(), c.serialPrefix(), c.scenario(),
                    c.concurrency(), c.rate(), c.duration(), c.maxSessions(), c.prime(), c.primeTimeout(),
                    c.retryScale(), null, null, true, c.timeout(), c.progressEvery(), null, null, true, engine));

            assertThat(report.measured().ok()).isEqualTo(10);
            // both requests of a session on one connection; no two sessions on the same one
            Map<String, Set<Integer>> portsBySession = acs.exchanges().stream().filter(e -> e.sessionId() != null)
                    .collect(Collectors.groupingBy(FakeAcs.Exchange::sessionId,
                            Collectors.mapping(FakeAcs.Exchange::clientPort, Collectors.toSet())));
            assertThat(portsBySession).hasSize(10).allSatisfy((id, ports) -> assertThat(ports).hasSize(1));
            assertThat(portsBySession.values().stream().flatMap(Set::stream).distinct()).hasSize(10);
        }
    }

    @Test
    void aPacedRunCountsEachSessionsLatencyFromItsIntendedStart() throws Exception {
        try (FakeAcs acs = new FakeAcs()) {
            // 40 sessions due 1 ms apart, one in flight at a time: the later ones start late, and that wait is latency
            LoadConfig c = config(acs, Scenario.PERIODIC, 40, 1, 40, false, LoadConfig.Engine.ASYNC);
            LoadReport report = run(new LoadConfig(c.url(), c.model(), c.devices(), c.serialPrefix(), c.scenario(),
                    1, 1000, c.duration(), 40, false, c.primeTimeout(), c.retryScale(), null, null, false,
                    c.timeout(), c.progressEvery(), null, null, true, LoadConfig.Engine.ASYNC));

            PhaseResult p = report.measured();
            assertThat(p.ok()).isEqualTo(40);
            assertThat(p.latencyFrom()).isEqualTo("intended-start");
            assertThat(p.sessionMicros().getMaxValue()).isGreaterThanOrEqualTo(p.serviceMicros().getMaxValue());
            assertThat(p.startLagMicros().getMaxValue()).isPositive();
            assertThat(report.toJson()).contains("\"latencyFrom\":\"intended-start\"", "\"serviceTimeMs\":{",
                    "\"startLagMs\":{", "\"engine\":\"async\"");
        }
    }

    @Test
    void theAsyncEngineRunsHundredsOfSessionsInFlightOnAFewThreads() throws Exception {
        try (FakeAcs acs = new FakeAcs()) {
            AtomicInteger mostThreads = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    int n = (int) Thread.getAllStackTraces().keySet().stream()
                            .filter(t -> t.getName().startsWith("load-")).count();
                    mostThreads.accumulateAndGet(n, Math::max);
                    Thread.onSpinWait();
                }
            });
            sampler.start();
            LoadReport report;
            try {
                report = run(config(acs, Scenario.PERIODIC, 300, 300, 900, false, LoadConfig.Engine.ASYNC));
            } finally {
                running.set(false);
                sampler.join();
            }

            assertThat(report.measured().ok()).isEqualTo(900);
            assertThat(mostThreads.get()).isPositive().isLessThanOrEqualTo(5); // a dispatcher and up to 4 event loops
        }
    }
}
