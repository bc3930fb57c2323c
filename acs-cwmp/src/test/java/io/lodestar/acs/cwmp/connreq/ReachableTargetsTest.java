package io.lodestar.acs.cwmp.connreq;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReachableTargetsTest {

    @Test
    void aPrivateUrlOtherThanTheObservedAddressIsTriedAtTheObservedAddressFirst() {
        assertThat(ReachableTargets.of("http://192.168.1.20:7547/cr?x=1", "203.0.113.9", true))
                .containsExactly("http://203.0.113.9:7547/cr?x=1", "http://192.168.1.20:7547/cr?x=1");
        assertThat(ReachableTargets.of("http://100.64.3.4:30005/", "198.51.100.2", true))
                .containsExactly("http://198.51.100.2:30005/", "http://100.64.3.4:30005/");
        assertThat(ReachableTargets.of("http://[fd00::5]:7547/cr", "2001:db8::1", true))
                .containsExactly("http://[2001:db8:0:0:0:0:0:1]:7547/cr", "http://[fd00::5]:7547/cr");
    }

    @Test
    void aPublicUrlTheSameAddressANameOrTheRuleTurnedOffKeepTheReportedUrlAlone() {
        assertThat(ReachableTargets.of("http://203.0.113.9:7547/cr", "198.51.100.2", true))
                .containsExactly("http://203.0.113.9:7547/cr");
        assertThat(ReachableTargets.of("http://10.0.0.5:7547/cr", "10.0.0.5", true))
                .containsExactly("http://10.0.0.5:7547/cr");
        assertThat(ReachableTargets.of("http://cpe.lan:7547/cr", "198.51.100.2", true))
                .containsExactly("http://cpe.lan:7547/cr");
        assertThat(ReachableTargets.of("http://10.0.0.5:7547/cr", "198.51.100.2", false))
                .containsExactly("http://10.0.0.5:7547/cr");
        assertThat(ReachableTargets.of("http://10.0.0.5:7547/cr", null, true))
                .containsExactly("http://10.0.0.5:7547/cr");
    }

    @Test
    void theHostOfAStoredRemoteAddressIsFoundWithOrWithoutAPort() {
        assertThat(ReachableTargets.host("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(ReachableTargets.host("192.0.2.1:51234")).isEqualTo("192.0.2.1");
        assertThat(ReachableTargets.host("[2001:db8::1]:51234")).isEqualTo("2001:db8::1");
        assertThat(ReachableTargets.host("/192.0.2.1:5")).isEqualTo("192.0.2.1");
        assertThat(ReachableTargets.host("2001:db8::1")).isEqualTo("2001:db8::1");
    }
}
