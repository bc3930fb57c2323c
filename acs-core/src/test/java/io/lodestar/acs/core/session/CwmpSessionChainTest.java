package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.AddObject;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.rpc.SetParameterValuesResponse;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.core.task.TaskFault;
import io.lodestar.acs.core.task.TaskResult;
import io.lodestar.acs.core.task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.lodestar.acs.core.session.Fixtures.T0;
import static io.lodestar.acs.core.session.Fixtures.inform;
import static io.lodestar.acs.core.session.Fixtures.known;
import static io.lodestar.acs.core.session.Fixtures.open;
import static io.lodestar.acs.core.session.Fixtures.play;
import static io.lodestar.acs.core.session.Fixtures.policy;
import static io.lodestar.acs.core.session.Fixtures.storedModelOf;
import static io.lodestar.acs.core.session.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

/** An AddObject with values for its new instance: one task, two RPCs, failing as a whole. */
class CwmpSessionChainTest {

    private static final Instant NOW = T0.plus(Duration.ofMinutes(30));

    private final FakeCpe cpe = FakeCpe.standard();
    private final Map<String, Parameter> stored = new HashMap<>(storedModelOf(cpe, T0.minus(Duration.ofDays(3))));

    private CwmpSession session(List<Task> tasks) {
        DeviceSnapshot snapshot = known(stored, Set.of());
        return open(inform(List.of("2 PERIODIC"), List.of()), Optional.of(snapshot), tasks, policy(), NOW);
    }

    private static TaskAction.AddObject addWithSsid(String ssid) {
        return new TaskAction.AddObject("Device.WiFi.SSID.", "chain-1", List.of(
                new ParameterValueStruct("SSID", ssid, "xsd:string"),
                new ParameterValueStruct("Enable", "true", "xsd:boolean")));
    }

    @Test
    void theNewInstanceIsSetRightAfterTheAddObjectThenWalkedAndTheTaskIsDoneWithItsNumber() {
        Task chain = task(1, addWithSsid("guest"));
        Fixtures.Run run = play(session(List.of(chain)), cpe, NOW);

        assertThat(run.requests()).containsExactly(
                new AddObject("Device.WiFi.SSID.", "chain-1"),
                new SetParameterValues(List.of(ParameterValueStruct.string("Device.WiFi.SSID.3.SSID", "guest"),
                        new ParameterValueStruct("Device.WiFi.SSID.3.Enable", "true", "xsd:boolean")), "chain-1"),
                new GetParameterNames("Device.WiFi.SSID.3.", true),
                new GetParameterValues(List.of("Device.WiFi.SSID.3.Enable", "Device.WiFi.SSID.3.SSID")));
        Task done = run.task(chain.id());
        assertThat(done.status()).isEqualTo(TaskStatus.DONE);
        assertThat(done.attempts()).isZero();
        assertThat(done.result()).isEqualTo(new TaskResult.ObjectAdded(3, 0));
        assertThat(run.upsert("Device.WiFi.SSID.3.SSID").value()).isEqualTo("guest");
        assertThat(cpe.value("Device.WiFi.SSID.3.SSID")).isEqualTo("guest");
    }

    @Test
    void aChainWhoseStepAppliesAfterARebootEndsWithStatusOne() {
        cpe.override = r -> r instanceof SetParameterValues ? new SetParameterValuesResponse(1) : null;
        Task chain = task(1, addWithSsid("guest"));

        assertThat(play(session(List.of(chain)), cpe, NOW).task(chain.id()).result())
                .isEqualTo(new TaskResult.ObjectAdded(3, 1));
    }

    @Test
    void anAddObjectFaultFailsTheWholeChainWithoutSendingItsValuesAndTheNextTaskRuns() {
        cpe.override = r -> r instanceof AddObject ? CwmpFault.acs(9001, "Request denied") : null;
        Task chain = task(1, addWithSsid("guest"));
        Task next = task(2, new TaskAction.GetParameterValues(List.of("Device.DeviceInfo.Manufacturer")));
        Fixtures.Run run = play(session(List.of(chain, next)), cpe, NOW);

        assertThat(run.requests()).containsExactly(new AddObject("Device.WiFi.SSID.", "chain-1"),
                new GetParameterValues(List.of("Device.DeviceInfo.Manufacturer")));
        assertThat(run.task(chain.id()).status()).isEqualTo(TaskStatus.FAILED);
        assertThat(run.task(chain.id()).lastFault().code()).isEqualTo(9001);
        assertThat(run.task(next.id()).status()).isEqualTo(TaskStatus.DONE);
    }

    @Test
    void aFaultSettingTheNewInstanceFailsTheChainForGoodNamingTheInstanceItLeft() {
        // 9002 alone would be retried: here the AddObject is done, and a retry would add a second instance
        cpe.override = r -> r instanceof SetParameterValues ? CwmpFault.acs(9002, "Internal error") : null;
        Task chain = task(1, addWithSsid("guest"));
        Task waiting = task(2, new TaskAction.Reboot("")).after(chain.id());
        Fixtures.Run run = play(session(List.of(chain, waiting)), cpe, NOW);

        Task failed = run.task(chain.id());
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.lastFault().code()).isEqualTo(9002);
        assertThat(failed.lastFault().message()).contains("Device.WiFi.SSID.3.").contains("Internal error");
        assertThat(run.task(waiting.id()).status()).isEqualTo(TaskStatus.FAILED);
        assertThat(run.task(waiting.id()).lastFault().code()).isEqualTo(TaskFault.PREREQUISITE_FAILED);
        // the instance the device did create is still learned
        assertThat(run.changes().upserts()).containsKey("Device.WiFi.SSID.3.");
    }

    @Test
    void aSessionEndingBeforeTheValuesAreAnsweredFailsTheChainForGood() {
        Task chain = task(1, addWithSsid("guest"));
        CwmpSession session = session(List.of(chain));
        Fixtures.playUntil(session, cpe, NOW, r -> r instanceof SetParameterValues);
        assertThat(session.next(null, NOW)).isInstanceOf(SessionStep.End.class); // the CPE went quiet instead

        Task failed = session.finish().tasks().stream().filter(t -> t.id().equals(chain.id())).findFirst().orElseThrow();
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.lastFault().code()).isEqualTo(TaskFault.SESSION_ENDED);
        assertThat(failed.lastFault().message()).contains("Device.WiFi.SSID.3.");
    }
}
