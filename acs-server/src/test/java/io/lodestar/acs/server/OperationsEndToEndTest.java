package io.lodestar.acs.server;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.operation.OperationKind;
import io.lodestar.acs.core.operation.OperationStatus;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskStatus;
import io.lodestar.acs.sim.client.SessionReport;
import io.lodestar.acs.sim.client.SimulatedCpe;
import io.lodestar.acs.store.AcsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Reboot or FactoryReset a simulated phone accepted over real HTTP stays an operation in progress until
 * the phone's next session reports it (M Reboot with the CommandKey, 0 BOOTSTRAP), or times out.
 */
class OperationsEndToEndTest {

    @TempDir
    Path data;

    private static Task queue(AcsStore store, DeviceId id, TaskAction action) {
        return store.addTask(Task.queue(id, action, Instant.now(), Duration.ofHours(1)));
    }

    private static Operation operationOf(AcsStore store, Task task) {
        return store.operations(task.deviceId()).stream().filter(o -> o.taskId().equals(task.id())).findFirst()
                .orElseThrow();
    }

    @Test
    void aRebootEndsWhenThePhoneInformsWithMRebootAndAResetWithItsBootstrap() throws Exception {
        try (AcsHarness acs = new AcsHarness(data)) {
            SimulatedCpe phone = acs.phone("OPS000001");
            AcsHarness.ok(phone);
            DeviceId id = AcsHarness.idOf(phone);
            AcsStore store = acs.store();

            Task reboot = queue(store, id, new TaskAction.Reboot("reboot-7"));
            AcsHarness.ok(phone);

            assertThat(store.findTask(reboot.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
            Operation started = operationOf(store, reboot);
            assertThat(started.kind()).isEqualTo(OperationKind.REBOOT);
            assertThat(started.commandKey()).isEqualTo("reboot-7");
            assertThat(started.status()).isEqualTo(OperationStatus.IN_PROGRESS);
            assertThat(started.deadline()).isEqualTo(started.startedAt().plus(Duration.ofHours(1)));

            SessionReport back = AcsHarness.ok(phone); // the phone rebooted: 1 BOOT + M Reboot
            assertThat(back.eventCodes()).contains("1 BOOT", "M Reboot");
            Operation ended = operationOf(store, reboot);
            assertThat(ended.status()).isEqualTo(OperationStatus.COMPLETED);
            assertThat(ended.endedAt()).isAfter(started.startedAt());

            Task reset = queue(store, id, new TaskAction.FactoryReset());
            AcsHarness.ok(phone);
            assertThat(operationOf(store, reset).status()).isEqualTo(OperationStatus.IN_PROGRESS);
            SessionReport reborn = AcsHarness.ok(phone);
            assertThat(reborn.eventCodes()).contains("0 BOOTSTRAP");
            assertThat(operationOf(store, reset).status()).isEqualTo(OperationStatus.COMPLETED);
            assertThat(store.operations(id)).extracting(Operation::taskId).containsExactly(reboot.id(), reset.id());
        }
    }

    @Test
    void aRebootThePhoneNeverReportsTimesOutAtItsFirstSessionAfterTheDeadline() throws Exception {
        try (AcsHarness acs = new AcsHarness(data, Map.of("session.operation-timeout", "1s"))) {
            SimulatedCpe phone = acs.phone("OPS000002");
            AcsHarness.ok(phone);
            AcsStore store = acs.store();
            Task reboot = queue(store, AcsHarness.idOf(phone), new TaskAction.Reboot("lost"));
            AcsHarness.ok(phone);
            Operation started = operationOf(store, reboot);
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(started.deadline()));

            // a periodic session, without the M Reboot the phone should have sent
            SessionReport report = phone.runSession(List.of(EventStruct.of(EventStruct.PERIODIC)))
                    .get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(report.ok()).as(report.failure()).isTrue();

            Operation ended = operationOf(store, reboot);
            assertThat(ended.status()).isEqualTo(OperationStatus.TIMED_OUT);
            assertThat(ended.endedAt()).isAfterOrEqualTo(started.deadline());
        }
    }
}
