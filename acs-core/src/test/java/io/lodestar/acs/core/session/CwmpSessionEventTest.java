package io.lodestar.acs.core.session;

import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
import static io.lodestar.acs.core.session.Fixtures.known;
import static io.lodestar.acs.core.session.Fixtures.play;
import static io.lodestar.acs.core.session.Fixtures.policy;
import static io.lodestar.acs.core.session.Fixtures.storedModelOf;
import static org.assertj.core.api.Assertions.assertThat;

/** What the engine does with each Inform event (the operation-ending ones are in CwmpSessionOperationTest). */
class CwmpSessionEventTest {

    private static final Instant EARLIER = T0.minus(Duration.ofDays(1));

    private final FakeCpe cpe = FakeCpe.standard();
    private final Map<String, Parameter> stored = new HashMap<>(storedModelOf(cpe, EARLIER));

    private Fixtures.Run run(List<EventStruct> events, List<ParameterValueStruct> params) {
        Inform inform = new Inform(DEVICE_ID_STRUCT, events, 1, "now", 0, params);
        return play(Fixtures.open(inform, Optional.of(known(stored, Set.of())), List.of(), policy(), T0), cpe, T0);
    }

    @Test
    void aValueChangeStoresTheReportedValuesKeepingWhatIsKnownOfTheParameter() {
        ParameterValueStruct changed = ParameterValueStruct.string("Device.WiFi.SSID.1.SSID", "changed-locally");
        Fixtures.Run run = run(List.of(EventStruct.of(EventStruct.VALUE_CHANGE)), List.of(changed));

        assertThat(run.upsert("Device.WiFi.SSID.1.SSID")).isEqualTo(
                new Parameter("Device.WiFi.SSID.1.SSID", "changed-locally", "xsd:string", true, T0));
        assertThat(run.requests()).as("nothing to ask: the Inform carried the values").isEmpty();
    }

    @Test
    void diagnosticsCompleteReadsTheDiagnosticsObjectsTheDeviceHas() {
        cpe.object("Device.IP.", false).object("Device.IP.Diagnostics.", false)
                .object("Device.IP.Diagnostics.IPPing.", false)
                .leaf("Device.IP.Diagnostics.IPPing.DiagnosticsState", "Complete", ParameterValueStruct.STRING, true)
                .leaf("Device.IP.Diagnostics.IPPing.AverageResponseTime", "12", "xsd:unsignedInt", false);
        stored.putAll(storedModelOf(cpe, EARLIER));
        stored.put("Device.IP.Diagnostics.IPPing.AverageResponseTime", new Parameter(
                "Device.IP.Diagnostics.IPPing.AverageResponseTime", "0", "xsd:unsignedInt", false, EARLIER));

        Fixtures.Run run = run(List.of(EventStruct.of(EventStruct.DIAGNOSTICS_COMPLETE)), List.of());

        assertThat(run.requests().get(0)).isEqualTo(new GetParameterNames("Device.IP.Diagnostics.", true));
        assertThat(run.upsert("Device.IP.Diagnostics.IPPing.AverageResponseTime").value()).isEqualTo("12");
        assertThat(run.changes().upserts()).allSatisfy((path, p) ->
                assertThat(path).startsWith("Device.IP.Diagnostics."));
    }

    @Test
    void diagnosticsCompleteOfADeviceWithoutKnownDiagnosticsObjectsAsksNothing() {
        assertThat(run(List.of(EventStruct.of(EventStruct.DIAGNOSTICS_COMPLETE)), List.of()).requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 BOOT", "2 PERIODIC", "3 SCHEDULED", "5 KICKED", "6 CONNECTION REQUEST", "13 WAKEUP",
            "14 HEARTBEAT", "7 TRANSFER COMPLETE", "9 REQUEST DOWNLOAD", "10 AUTONOMOUS TRANSFER COMPLETE",
            "11 DU STATE CHANGE COMPLETE", "12 AUTONOMOUS DU STATE CHANGE COMPLETE", "M Download", "M Upload",
            "M ScheduleDownload", "M ChangeDUState", "M X_00D09E_Firmware", "X 00D09E Vendor"})
    void everyOtherEventIsAcceptedAndRecordedInTheInformHistory(String code) {
        EventStruct event = code.startsWith("M ") ? new EventStruct(code, "ck") : EventStruct.of(code);
        Fixtures.Run run = run(List.of(event), List.of());

        assertThat(run.changes().inform()).isEqualTo(new InformRecord(DEVICE_ID, T0, List.of(event), REMOTE, 0));
        assertThat(run.changes().device().lastContact().events()).containsExactly(event);
        assertThat(run.changes().forgetLearned()).isFalse();
    }

    @Test
    void bootSetsTheLastBootTime() {
        assertThat(run(List.of(EventStruct.of(EventStruct.BOOT)), List.of()).changes().device().lastBootAt())
                .isEqualTo(T0);
    }
}
