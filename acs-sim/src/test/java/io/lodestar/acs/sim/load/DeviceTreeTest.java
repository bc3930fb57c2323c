package io.lodestar.acs.sim.load;

import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.FactoryReset;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValues;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.rpc.SetParameterValues;
import io.lodestar.acs.core.rpc.SetParameterValuesResponse;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.rpc.CpeRpcHandler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceTreeTest {

    private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";
    private final DataModel model = DataModel.ipPhone("BASE0000000");
    private final BaseTree base = new BaseTree(model);
    private final LoadCpe a = new LoadCpe(base, 0, "LOAD0000001");
    private final LoadCpe b = new LoadCpe(base, 1, "LOAD0000002");

    private static String valueIn(CwmpMessage m, String path) {
        return ((GetParameterValuesResponse) m).parameterList().stream().filter(p -> p.name().equals(path))
                .findFirst().orElseThrow().value();
    }

    @Test
    void devicesShareOneTreeAndDifferInTheirIdentityWithoutCopyingIt() {
        CwmpMessage va = LoadRpcHandler.answer(a, new GetParameterValues(List.of("Device.")));
        CwmpMessage vb = LoadRpcHandler.answer(b, new GetParameterValues(List.of("Device.")));
        assertThat(valueIn(va, "Device.DeviceInfo.SerialNumber")).isEqualTo("LOAD0000001");
        assertThat(valueIn(vb, "Device.DeviceInfo.SerialNumber")).isEqualTo("LOAD0000002");
        assertThat(valueIn(va, "Device.ManagementServer.Username")).isEqualTo("LOAD0000001");
        assertThat(valueIn(va, "Device.IP.Interface.1.IPv4Address.1.IPAddress"))
                .isNotEqualTo(valueIn(vb, "Device.IP.Interface.1.IPv4Address.1.IPAddress"));
        assertThat(valueIn(va, INTERVAL)).isEqualTo(valueIn(vb, INTERVAL));
        assertThat(a.deviceId().serialNumber()).isEqualTo("LOAD0000001");
        assertThat(a.tree().overlaySize()).isZero();
        assertThat(b.tree().overlaySize()).isZero();
    }

    @Test
    void aChangeTheAcsMakesGoesToThatDevicesOverlayOnlyAndAFactoryResetDropsIt() {
        CwmpMessage set = LoadRpcHandler.answer(a, new SetParameterValues(
                List.of(new ParameterValueStruct(INTERVAL, "900", "xsd:unsignedInt")), "key-1"));
        assertThat(set).isEqualTo(new SetParameterValuesResponse(0));
        assertThat(valueIn(LoadRpcHandler.answer(a, new GetParameterValues(List.of(INTERVAL))), INTERVAL)).isEqualTo("900");
        assertThat(valueIn(LoadRpcHandler.answer(b, new GetParameterValues(List.of(INTERVAL))), INTERVAL))
                .isEqualTo(model.value(INTERVAL).orElseThrow());
        assertThat(a.tree().overlaySize()).isEqualTo(2); // the value and ParameterKey
        assertThat(model.value(INTERVAL).orElseThrow()).isNotEqualTo("900");

        LoadRpcHandler.answer(a, new FactoryReset());
        a.sessionEnded(true);
        assertThat(a.tree().overlaySize()).isZero();
        assertThat(a.events(null)).extracting(e -> e.eventCode()).containsExactly("0 BOOTSTRAP", "1 BOOT");
    }

    @Test
    void namesAndValuesAreTheOnesTheFullSimulatorAnswersForTheSameModel() {
        CpeRpcHandler full = new CpeRpcHandler(model);
        for (GetParameterNames r : List.of(new GetParameterNames("", false), new GetParameterNames("", true),
                new GetParameterNames("Device.", true), new GetParameterNames("Device.Services.", false))) {
            assertThat(((GetParameterNamesResponse) LoadRpcHandler.answer(a, r)).parameterList())
                    .as(r.toString()).isEqualTo(((GetParameterNamesResponse) full.handle(r)).parameterList());
        }
        GetParameterValues voice = new GetParameterValues(List.of("Device.Services.", "Device.DeviceInfo.ModelName"));
        assertThat(LoadRpcHandler.answer(a, voice)).isEqualTo(full.handle(voice));
    }

    @Test
    void unknownPathsAndReadOnlyParametersGetTheCpeFaults() {
        assertThat(((CwmpFault) LoadRpcHandler.answer(a, new GetParameterValues(List.of("Device.Nope.")))).faultCode())
                .isEqualTo(9005);
        CwmpFault readOnly = (CwmpFault) LoadRpcHandler.answer(a, new SetParameterValues(
                List.of(new ParameterValueStruct("Device.DeviceInfo.SerialNumber", "X", "xsd:string")), ""));
        assertThat(readOnly.faultCode()).isEqualTo(9003);
        assertThat(readOnly.setParameterValuesFaults()).extracting(CwmpFault.SetParameterValuesFault::faultCode)
                .containsExactly(9008);
        assertThat(a.tree().overlaySize()).isZero();
    }
}
