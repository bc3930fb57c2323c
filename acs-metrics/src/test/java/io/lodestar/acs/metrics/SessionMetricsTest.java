package io.lodestar.acs.metrics;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.cwmp.event.SessionEvent;
import io.lodestar.acs.cwmp.event.SessionEvent.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SessionMetricsTest {

    private static final DeviceId PHONE = new DeviceId("0CD0F8-CP-8841-3PCC-SIM000001");
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final SessionMetrics metrics = new SessionMetrics(registry);

    private void open(String session, String productClass, String... events) {
        metrics.sessionOpened(new SessionEvent.Opened(PHONE, session, T0,
                java.util.Arrays.stream(events).map(e -> new EventStruct(e, "")).toList(), "192.0.2.1",
                CwmpVersion.V1_0, productClass));
    }

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void everyOutcomeIsCountedFromZeroBeforeAnySession() {
        for (Outcome outcome : Outcome.values()) {
            assertThat(registry.find("lodestar.sessions").tag("outcome", SessionMetrics.tag(outcome)).counter())
                    .as(outcome.name()).isNotNull();
        }
    }

    @Test
    void aSessionIsCountedByOutcomeAndTimedAndItsEventsCountedByCode() {
        open("s1", "CP-8841-3PCC", EventStruct.BOOT, EventStruct.PERIODIC);
        metrics.sessionEnded(new SessionEvent.Ended(PHONE, "s1", T0.plusMillis(40), Outcome.OK, null, 3,
                Duration.ofMillis(40)));

        assertThat(count("lodestar.sessions", "outcome", "ok")).isEqualTo(1);
        assertThat(count("lodestar.session.events", "event", "1 BOOT")).isEqualTo(1);
        assertThat(count("lodestar.session.events", "event", "2 PERIODIC")).isEqualTo(1);
        Timer duration = registry.find("lodestar.session.duration").tag("outcome", "ok").timer();
        assertThat(duration.count()).isEqualTo(1);
        assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
        assertThat(metrics.tracked()).isZero();
    }

    @Test
    void anInformTurnedAwayIsCountedButNotTimed() {
        metrics.sessionEnded(new SessionEvent.Ended(PHONE, null, T0, Outcome.REFUSED, "challenged", 0, Duration.ZERO));

        assertThat(count("lodestar.sessions", "outcome", "refused")).isEqualTo(1);
        assertThat(registry.find("lodestar.session.duration").tag("outcome", "refused").timer().count()).isZero();
    }

    @Test
    void anRpcIsCountedWhenSentAndTimedFromSendingToItsAnswer() {
        open("s1", "CP-8841-3PCC", EventStruct.PERIODIC);
        metrics.rpcSent(new SessionEvent.RpcSent(PHONE, "s1", T0.plusMillis(10), "GetParameterValues"));
        metrics.rpcAnswered(new SessionEvent.RpcAnswered(PHONE, "s1", T0.plusMillis(35), "GetParameterValues", null));

        assertThat(count("lodestar.rpcs.sent", "method", "GetParameterValues")).isEqualTo(1);
        Timer rpc = registry.find("lodestar.rpc.duration").tags("method", "GetParameterValues", "outcome", "response")
                .timer();
        assertThat(rpc.count()).isEqualTo(1);
        assertThat(rpc.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(25);
    }

    @Test
    void aFaultIsCountedByMethodCodeAndTheSessionsProductClass() {
        open("s1", "CP-8841-3PCC", EventStruct.PERIODIC);
        metrics.rpcSent(new SessionEvent.RpcSent(PHONE, "s1", T0, "SetParameterValues"));
        metrics.rpcAnswered(new SessionEvent.RpcAnswered(PHONE, "s1", T0.plusMillis(5), "SetParameterValues", 9007));

        assertThat(count("lodestar.cpe.faults", "method", "SetParameterValues", "code", "9007",
                "product_class", "CP-8841-3PCC")).isEqualTo(1);
        assertThat(registry.find("lodestar.rpc.duration").tags("method", "SetParameterValues", "outcome", "fault")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void anAnswerWithoutARequestInFlightIsNotTimed() {
        open("s1", "X", EventStruct.PERIODIC);
        metrics.rpcAnswered(new SessionEvent.RpcAnswered(PHONE, "s1", T0, "Reboot", null));
        metrics.rpcAnswered(new SessionEvent.RpcAnswered(PHONE, "unknown", T0, "Reboot", null));

        assertThat(registry.find("lodestar.rpc.duration").timers()).isEmpty();
    }

    @Test
    void productClassesBeyondTheBoundAreFoldedIntoOther() {
        for (int i = 0; i < 250; i++) {
            String session = "s" + i;
            open(session, "PC-" + i, EventStruct.PERIODIC);
            metrics.rpcSent(new SessionEvent.RpcSent(PHONE, session, T0, "Reboot"));
            metrics.rpcAnswered(new SessionEvent.RpcAnswered(PHONE, session, T0, "Reboot", 9001));
            metrics.sessionEnded(new SessionEvent.Ended(PHONE, session, T0, Outcome.OK, null, 0, Duration.ZERO));
        }

        assertThat(registry.find("lodestar.cpe.faults").counters()).hasSize(201);
        assertThat(count("lodestar.cpe.faults", "product_class", MetricNames.OTHER)).isEqualTo(50);
        assertThat(metrics.tracked()).isZero();
    }

    @Test
    void finishedTasksAreCountedByStatus() {
        Task task = Task.queue(PHONE, new TaskAction.Reboot("k"), T0, Duration.ofDays(1));
        metrics.taskFinished(new SessionEvent.TaskFinished(PHONE, "s1", T0, task.expired(T0)));

        assertThat(count("lodestar.tasks.finished", "status", "expired")).isEqualTo(1);
    }

    @Test
    void aSessionAbandonedMidRpcForgetsItsRequest() {
        open("s1", "X", EventStruct.PERIODIC);
        metrics.rpcSent(new SessionEvent.RpcSent(PHONE, "s1", T0, "Download"));
        metrics.sessionEnded(new SessionEvent.Ended(PHONE, "s1", T0.plusSeconds(30), Outcome.ABANDONED, "idle timeout",
                0, Duration.ofSeconds(30)));

        assertThat(metrics.tracked()).isZero();
        assertThat(count("lodestar.sessions", "outcome", "abandoned")).isEqualTo(1);
        assertThat(registry.find("lodestar.rpc.duration").timers()).isEmpty();
    }
}
