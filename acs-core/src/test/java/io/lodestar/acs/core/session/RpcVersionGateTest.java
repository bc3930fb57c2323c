package io.lodestar.acs.core.session;

import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.GetRPCMethodsResponse;
import io.lodestar.acs.core.rpc.Reboot;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.lodestar.acs.core.session.Fixtures.DEVICE_ID;
import static io.lodestar.acs.core.session.Fixtures.REMOTE;
import static io.lodestar.acs.core.session.Fixtures.T0;
import static io.lodestar.acs.core.session.Fixtures.inform;
import static io.lodestar.acs.core.session.Fixtures.known;
import static io.lodestar.acs.core.session.Fixtures.play;
import static io.lodestar.acs.core.session.Fixtures.policy;
import static io.lodestar.acs.core.session.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

/** A task the device's CWMP version (or its own method list) cannot carry fails at once, unsent, saying why. */
class RpcVersionGateTest {

    private static Fixtures.Run run(CwmpVersion version, FakeCpe cpe, Task... tasks) {
        CwmpSession session = ((SessionOpening.Accepted) CwmpSession.open(inform("2 PERIODIC"), version, DEVICE_ID,
                Optional.of(known(java.util.Map.of(), java.util.Set.of())), List.of(tasks), List.of(), REMOTE,
                policy(), T0)).session();
        return play(session, cpe, T0);
    }

    @Test
    void aCwmp10DeviceIsNeverSentTheMethodsOfLaterVersionsAndTheNextTaskRuns() {
        Task cancel = task(1, new TaskAction.CancelTransfer("k1"));
        Task queued = task(2, new TaskAction.GetAllQueuedTransfers());
        Task reboot = task(3, new TaskAction.Reboot("r1"));

        Fixtures.Run run = run(CwmpVersion.V1_0, new FakeCpe(), cancel, queued, reboot);

        assertThat(run.requests()).containsExactly(new Reboot("r1"));
        assertThat(run.task(cancel.id()).status()).isEqualTo(TaskStatus.FAILED);
        assertThat(run.task(cancel.id()).lastFault().code()).isEqualTo(9000);
        assertThat(run.task(cancel.id()).lastFault().message())
                .isEqualTo("CancelTransfer needs CWMP 1.2 or later; the device speaks CWMP 1.0: not sent");
        assertThat(run.task(queued.id()).lastFault().message()).contains("GetAllQueuedTransfers needs CWMP 1.1");
        assertThat(run.changes().faults()).isEmpty(); // the device faulted nothing
    }

    @Test
    void aCwmp12DeviceIsSentThem() {
        Fixtures.Run run = run(CwmpVersion.V1_2, new FakeCpe(), task(1, new TaskAction.CancelTransfer("k1")));

        assertThat(run.methods()).containsExactly("CancelTransfer");
    }

    @Test
    void aMethodMissingFromTheDevicesGetRPCMethodsAnswerIsNotSent() {
        FakeCpe cpe = new FakeCpe();
        cpe.override = r -> r instanceof io.lodestar.acs.core.rpc.GetRPCMethods
                ? new GetRPCMethodsResponse(List.of("GetRPCMethods", "Reboot")) : null;
        Task methods = task(1, new TaskAction.GetRPCMethods());
        Task cancel = task(2, new TaskAction.CancelTransfer("k1"));

        Fixtures.Run run = run(CwmpVersion.V1_4, cpe, methods, cancel);

        assertThat(run.methods()).containsExactly("GetRPCMethods");
        assertThat(run.task(cancel.id()).lastFault().message())
                .isEqualTo("CancelTransfer is not among the methods the device's GetRPCMethods answer lists: not sent");
    }
}
