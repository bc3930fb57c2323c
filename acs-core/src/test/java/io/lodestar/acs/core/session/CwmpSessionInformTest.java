package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceSnapshot;
import io.lodestar.acs.core.device.IdentityScheme;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.core.task.TaskAction;
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

import static io.lodestar.acs.core.session.Fixtures.DEVICE_ID;
import static io.lodestar.acs.core.session.Fixtures.DEVICE_ID_STRUCT;
import static io.lodestar.acs.core.session.Fixtures.REMOTE;
import static io.lodestar.acs.core.session.Fixtures.T0;
import static io.lodestar.acs.core.session.Fixtures.inform;
import static io.lodestar.acs.core.session.Fixtures.informParams;
import static io.lodestar.acs.core.session.Fixtures.known;
import static io.lodestar.acs.core.session.Fixtures.open;
import static io.lodestar.acs.core.session.Fixtures.play;
import static io.lodestar.acs.core.session.Fixtures.policy;
import static io.lodestar.acs.core.session.Fixtures.storedModelOf;
import static io.lodestar.acs.core.session.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

class CwmpSessionInformTest {

    private static final Instant EARLIER = T0.minus(Duration.ofDays(2));

    /** A stored tree of these parameters, by path. */
    private static Map<String, Parameter> reportedEarlier(Parameter... parameters) {
        Map<String, Parameter> stored = new HashMap<>();
        for (Parameter p : parameters) {
            stored.put(p.path(), p);
        }
        return stored;
    }

    @Test
    void unknownDeviceIsRegisteredWhenAutoRegisterIsOn() {
        SessionOpening opening = CwmpSession.open(inform("0 BOOTSTRAP", "1 BOOT"), CwmpVersion.V1_4, DEVICE_ID,
                Optional.empty(), List.of(), List.of(), REMOTE, policy(), T0);

        assertThat(opening).isInstanceOf(SessionOpening.Accepted.class);
        SessionOpening.Accepted accepted = (SessionOpening.Accepted) opening;
        assertThat(accepted.response()).isEqualTo(new InformResponse(1));
        CwmpSession session = accepted.session();
        assertThat(session.deviceId()).isEqualTo(DEVICE_ID);
        assertThat(session.version()).isEqualTo(CwmpVersion.V1_4);
        assertThat(session.openedAt()).isEqualTo(T0);
        assertThat(session.events()).containsExactly("0 BOOTSTRAP", "1 BOOT");
        assertThat(session.isEnded()).isFalse();

        Device device = session.finish().device();
        assertThat(device.id()).isEqualTo(DEVICE_ID);
        assertThat(device.registeredAt()).isEqualTo(T0);
        assertThat(device.discoveryRequired()).isTrue();
        assertThat(device.discoveredAt()).isNull();
        assertThat(device.tags()).isEmpty();
        // the first thing asked of a new device is its data model
        assertThat(session.next(null, T0)).isEqualTo(new SessionStep.Send(new GetParameterNames("Device.", true)));
    }

    @Test
    void unknownDeviceIsRefusedWithFault8001WhenAutoRegisterIsOff() {
        SessionPolicy closed = new SessionPolicy(IdentityScheme.OUI_PRODUCTCLASS_SERIAL, false,
                DiscoveryMode.LEVEL_BY_LEVEL, 64, 1000, Fixtures.RETRY);
        SessionOpening opening = CwmpSession.open(inform("1 BOOT"), CwmpVersion.V1_0, DEVICE_ID, Optional.empty(),
                List.of(), List.of(), REMOTE, closed, T0);

        assertThat(opening).isInstanceOf(SessionOpening.Refused.class);
        CwmpFault fault = ((SessionOpening.Refused) opening).fault();
        assertThat(fault.faultCode()).isEqualTo(CwmpFault.REQUEST_DENIED).isEqualTo(8001);
        assertThat(fault.soapFaultCode()).isEqualTo("Client");
    }

    @Test
    void knownDeviceIsAcceptedWhenAutoRegisterIsOff() {
        SessionPolicy closed = new SessionPolicy(IdentityScheme.OUI_PRODUCTCLASS_SERIAL, false,
                DiscoveryMode.LEVEL_BY_LEVEL, 64, 1000, Fixtures.RETRY);
        SessionOpening opening = CwmpSession.open(inform("2 PERIODIC"), CwmpVersion.V1_0, DEVICE_ID,
                Optional.of(known(Map.of(), Set.of())), List.of(), List.of(), REMOTE, closed, T0);

        assertThat(opening).isInstanceOf(SessionOpening.Accepted.class);
    }

    @Test
    void everyInformValueIsUpsertedWithItsTypeAndTheSessionTimeKeepingKnownWritability() {
        Map<String, Parameter> stored = reportedEarlier(
                new Parameter("Device.ManagementServer.PeriodicInformInterval", "60", "xsd:unsignedInt", true, EARLIER),
                new Parameter("Device.DeviceInfo.SoftwareVersion", "1.0.0", "xsd:string", false, EARLIER));
        Inform inform = inform(List.of("2 PERIODIC"), List.of(
                new ParameterValueStruct("Device.ManagementServer.PeriodicInformInterval", "300", "xsd:unsignedInt"),
                new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "2.0.1", "xsd:string"),
                new ParameterValueStruct("Device.DeviceInfo.UpTime", "77", "xsd:unsignedInt")));

        SessionChanges changes = play(open(inform, Optional.of(known(stored, Set.of())), List.of(), policy(), T0),
                new FakeCpe(), T0).changes();

        assertThat(changes.upserts()).containsOnly(
                Map.entry("Device.ManagementServer.PeriodicInformInterval", new Parameter(
                        "Device.ManagementServer.PeriodicInformInterval", "300", "xsd:unsignedInt", true, T0)),
                Map.entry("Device.DeviceInfo.SoftwareVersion",
                        new Parameter("Device.DeviceInfo.SoftwareVersion", "2.0.1", "xsd:string", false, T0)),
                Map.entry("Device.DeviceInfo.UpTime",
                        new Parameter("Device.DeviceInfo.UpTime", "77", "xsd:unsignedInt", null, T0)));
        assertThat(changes.forgetLearned()).isFalse();
        assertThat(changes.deletedSubtrees()).isEmpty();
    }

    @Test
    void anInformValueRepeatedWithItsTypeIsNotWrittenAgainAndKeepsWhenItWasReported() {
        Map<String, Parameter> stored = reportedEarlier(
                new Parameter("Device.DeviceInfo.SoftwareVersion", "2.0.1", "xsd:string", false, EARLIER),
                new Parameter("Device.ManagementServer.ParameterKey", "k1", "xsd:string", true, EARLIER),
                new Parameter("Device.DeviceInfo.UpTime", "77", "xsd:int", false, EARLIER));
        Inform inform = inform(List.of("2 PERIODIC"), List.of(
                new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "2.0.1", "xsd:string"),
                new ParameterValueStruct("Device.ManagementServer.ParameterKey", "k2", "xsd:string"),
                new ParameterValueStruct("Device.DeviceInfo.UpTime", "77", "xsd:unsignedInt")));

        CwmpSession session = open(inform, Optional.of(known(stored, Set.of())), List.of(), policy(), T0);
        SessionChanges changes = play(session, new FakeCpe(), T0).changes();

        // the changed value and the changed type are written; the repeated one is not, and keeps its instant
        assertThat(changes.upserts()).containsOnlyKeys("Device.ManagementServer.ParameterKey",
                "Device.DeviceInfo.UpTime");
        assertThat(changes.upserts().get("Device.DeviceInfo.UpTime").type()).isEqualTo("xsd:unsignedInt");
        assertThat(changes.device().lastInformAt()).isEqualTo(T0);
    }

    @Test
    void aBootstrapWritesEveryInformValueAgainEvenWhenTheOldTreeHeldIt() {
        Map<String, Parameter> stored = reportedEarlier(
                new Parameter("Device.DeviceInfo.SoftwareVersion", "2.0.1", "xsd:string", false, EARLIER));
        Inform inform = inform(List.of("0 BOOTSTRAP", "1 BOOT"), List.of(
                new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "2.0.1", "xsd:string")));

        SessionChanges changes = play(open(inform, Optional.of(known(stored, Set.of())), List.of(), policy(), T0),
                new FakeCpe(), T0).changes();

        assertThat(changes.forgetLearned()).isTrue();
        assertThat(changes.upserts()).containsKey("Device.DeviceInfo.SoftwareVersion");
    }

    @Test
    void theDeviceSummaryFollowsTheInform() {
        DeviceSnapshot snapshot = known(Map.of(), Set.of("lab", "vip"));
        Device before = snapshot.device();
        CwmpSession session = Fixtures.open(inform("1 BOOT", "4 VALUE CHANGE"), Optional.of(snapshot), List.of(),
                policy(), T0);
        SessionChanges changes = play(session, new FakeCpe(), T0).changes();

        Device after = changes.device();
        assertThat(after.id()).isEqualTo(DEVICE_ID);
        assertThat(after.deviceIdStruct()).isEqualTo(DEVICE_ID_STRUCT);
        assertThat(after.registeredAt()).isEqualTo(before.registeredAt());
        assertThat(after.lastInformAt()).isEqualTo(T0);
        assertThat(after.lastBootAt()).isEqualTo(T0);
        assertThat(after.lastEvents()).containsExactly(EventStruct.of("1 BOOT"), EventStruct.of("4 VALUE CHANGE"));
        assertThat(after.remoteAddress()).isEqualTo(REMOTE);
        assertThat(after.connectionRequestUrl()).isEqualTo("http://10.0.0.7:7547/cr");
        assertThat(after.softwareVersion()).isEqualTo("2.0.1");
        assertThat(after.hardwareVersion()).isEqualTo("HW3");
        assertThat(after.cwmpVersion()).isEqualTo("1.2");
        assertThat(after.dataModelRoot()).isEqualTo("Device.");
        assertThat(after.tags()).containsExactlyInAnyOrder("lab", "vip");
        assertThat(after.discoveryRequired()).isFalse();
        assertThat(after.discoveredAt()).isEqualTo(before.discoveredAt());
    }

    @Test
    void withoutBootTheLastBootIsKeptAndMissingValuesFallBackToTheKnownOnes() {
        DeviceSnapshot snapshot = known(Map.of(), Set.of());
        Inform inform = inform(List.of("2 PERIODIC"), List.of(
                ParameterValueStruct.string("Device.ManagementServer.ParameterKey", "k1")));

        Device after = play(Fixtures.open(inform, Optional.of(snapshot), List.of(), policy(), T0), new FakeCpe(), T0)
                .changes().device();

        assertThat(after.lastBootAt()).isEqualTo(snapshot.device().lastBootAt());
        assertThat(after.lastInformAt()).isEqualTo(T0);
        assertThat(after.connectionRequestUrl()).isEqualTo("http://old/cr");
        assertThat(after.softwareVersion()).isEqualTo("1.0.0");
        assertThat(after.hardwareVersion()).isEqualTo("HW3");
    }

    @Test
    void cwmpVersionLabelAndInternetGatewayDeviceRoot() {
        Inform inform = inform(List.of("1 BOOT"), List.of(
                ParameterValueStruct.string("InternetGatewayDevice.DeviceSummary", "InternetGatewayDevice:1.4[](Baseline:1)"),
                ParameterValueStruct.string("InternetGatewayDevice.DeviceInfo.SoftwareVersion", "7.1"),
                ParameterValueStruct.string("InternetGatewayDevice.DeviceInfo.HardwareVersion", "B"),
                ParameterValueStruct.string("InternetGatewayDevice.ManagementServer.ConnectionRequestURL", "http://h/cr")));
        SessionOpening opening = CwmpSession.open(inform, CwmpVersion.V1_0, DEVICE_ID, Optional.empty(), List.of(),
                List.of(), REMOTE, policy(), T0);
        CwmpSession session = ((SessionOpening.Accepted) opening).session();

        Device device = session.finish().device();
        assertThat(device.cwmpVersion()).isEqualTo("1.0");
        assertThat(device.dataModelRoot()).isEqualTo("InternetGatewayDevice.");
        assertThat(device.softwareVersion()).isEqualTo("7.1");
        assertThat(device.hardwareVersion()).isEqualTo("B");
        assertThat(device.connectionRequestUrl()).isEqualTo("http://h/cr");
        assertThat(session.next(null, T0))
                .isEqualTo(new SessionStep.Send(new GetParameterNames("InternetGatewayDevice.", true)));
    }

    @Test
    void summaryValuesAreReadOnlyFromTheirOwnPathsUnderTheRoot() {
        Inform inform = inform(List.of("2 PERIODIC"), List.of(
                ParameterValueStruct.string("Device.Services.X_ACME_Modem.DeviceInfo.SoftwareVersion", "modem-9"),
                ParameterValueStruct.string("Device.DeviceInfo.SoftwareVersion", "2.0.1")));

        Device after = play(Fixtures.open(inform, Optional.of(known(Map.of(), Set.of())), List.of(), policy(), T0),
                new FakeCpe(), T0).changes().device();

        assertThat(after.softwareVersion()).isEqualTo("2.0.1");
    }

    @Test
    void theInformIsRecorded() {
        Inform inform = new Inform(DEVICE_ID_STRUCT, List.of(EventStruct.of("6 CONNECTION REQUEST")), 1, "now", 3,
                List.of());
        SessionChanges changes = play(Fixtures.open(inform, Optional.of(known(Map.of(), Set.of())), List.of(),
                policy(), T0), new FakeCpe(), T0).changes();

        assertThat(changes.inform()).isEqualTo(
                new InformRecord(DEVICE_ID, T0, List.of(EventStruct.of("6 CONNECTION REQUEST")), REMOTE, 3));
    }

    @Test
    void bootstrapForgetsWhatWasLearnedKeepsTagsAndTasksAndRediscoversInTheSameSession() {
        FakeCpe cpe = FakeCpe.standard();
        Map<String, Parameter> stored = new HashMap<>(storedModelOf(cpe, EARLIER));
        stored.put("Device.X_OLD.Gone", new Parameter("Device.X_OLD.Gone", "1", "xsd:string", true, EARLIER));
        DeviceSnapshot snapshot = known(stored, Set.of("lab"));
        Task setSsid = task(1, new TaskAction.SetParameterValues(
                List.of(ParameterValueStruct.string("Device.WiFi.SSID.1.SSID", "new")), ""));
        Instant now = T0.plus(Duration.ofMinutes(5));

        CwmpSession session = Fixtures.open(inform(List.of("0 BOOTSTRAP", "1 BOOT"), informParams(cpe)),
                Optional.of(snapshot), List.of(setSsid), policy(), now);
        Fixtures.Run run = play(session, cpe, now);
        SessionChanges changes = run.changes();

        assertThat(changes.forgetLearned()).isTrue();
        assertThat(changes.device().tags()).containsExactly("lab");
        assertThat(changes.device().discoveryRequired()).isFalse();
        assertThat(changes.device().discoveredAt()).isEqualTo(now);
        // discovery ran first, then the task survived the bootstrap and ran
        assertThat(run.requests().get(0)).isEqualTo(new GetParameterNames("Device.", true));
        assertThat(run.requests().get(run.requests().size() - 1)).isInstanceOf(SetParameterValues.class);
        assertThat(run.task(setSsid.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(run.task(setSsid.id()).result()).isEqualTo(new TaskResult.Status(0, 0));
        // what is stored now is exactly what the device has, learned in this session
        assertThat(changes.upserts()).doesNotContainKey("Device.X_OLD.Gone");
        assertThat(changes.upserts().values()).allSatisfy(p -> assertThat(p.reportedAt()).isEqualTo(now));
        Map<String, String> leaves = new HashMap<>();
        changes.upserts().values().stream().filter(p -> !p.isObject()).forEach(p -> leaves.put(p.path(), p.value()));
        assertThat(leaves).isEqualTo(cpe.values());
    }

    @Test
    void bootstrapOfAnUnknownDeviceStillRegistersIt() {
        CwmpSession session = Fixtures.open(inform("0 BOOTSTRAP"), Optional.empty(), List.of(), policy(), T0);
        SessionChanges changes = play(session, FakeCpe.standard(), T0).changes();

        assertThat(changes.forgetLearned()).isTrue();
        assertThat(changes.device().registeredAt()).isEqualTo(T0);
        assertThat(changes.device().discoveryRequired()).isFalse();
        assertThat(changes.upserts()).containsKey("Device.WiFi.SSID.2.SSID");
    }
}
