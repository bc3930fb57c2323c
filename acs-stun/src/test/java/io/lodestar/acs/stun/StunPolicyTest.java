package io.lodestar.acs.stun;

import io.lodestar.acs.core.rpc.ParameterValueStruct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StunPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"Device.", "InternetGatewayDevice."})
    void turningStunOnSetsTheManagementServersStunParameters(String root) {
        String ms = root + "ManagementServer.";
        assertThat(StunPolicy.of("acs.example.net", 3478).enable(root, "00D09E-IGD-0001", "s3cret")).containsExactly(
                new ParameterValueStruct(ms + "STUNEnable", "true", "xsd:boolean"),
                ParameterValueStruct.string(ms + "STUNServerAddress", "acs.example.net"),
                new ParameterValueStruct(ms + "STUNServerPort", "3478", "xsd:unsignedInt"),
                ParameterValueStruct.string(ms + "STUNUsername", "00D09E-IGD-0001"),
                ParameterValueStruct.string(ms + "STUNPassword", "s3cret"),
                new ParameterValueStruct(ms + "STUNMaximumKeepAlivePeriod", "30", "xsd:int"),
                new ParameterValueStruct(ms + "STUNMinimumKeepAlivePeriod", "20", "xsd:unsignedInt"),
                new ParameterValueStruct(ms + "UDPConnectionRequestAddressNotificationLimit", "10", "xsd:unsignedInt"));
        assertThat(StunPolicy.disable(root)).containsExactly(new ParameterValueStruct(ms + "STUNEnable", "false", "xsd:boolean"));
        assertThat(StunPolicy.udpConnectionRequestAddress(root)).isEqualTo(ms + "UDPConnectionRequestAddress");
    }

    @Test
    void noMaximumKeepAliveIsMinusOne() {
        assertThat(new StunPolicy("192.0.2.1", 3478, 10, -1, 0).enable("Device.", "u", "p"))
                .contains(new ParameterValueStruct("Device.ManagementServer.STUNMaximumKeepAlivePeriod", "-1", "xsd:int"));
    }

    @Test
    void badValuesAreRefusedWithTheReason() {
        StunPolicy p = StunPolicy.of("acs", 3478);
        assertThatThrownBy(() -> p.enable("Device", "u", "p")).hasMessageContaining("Device. or InternetGatewayDevice.");
        assertThatThrownBy(() -> p.enable("Device.", "", "p")).hasMessageContaining("STUNUsername");
        assertThatThrownBy(() -> StunPolicy.of(" ", 3478)).hasMessageContaining("host name or IP");
        assertThatThrownBy(() -> StunPolicy.of("acs", 0)).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> new StunPolicy("acs", 3478, 30, 20, 0)).hasMessageContaining("at least the minimum");
        assertThatThrownBy(() -> new StunPolicy("acs", 3478, -1, 20, 0)).hasMessageContaining("0 or more");
    }
}
