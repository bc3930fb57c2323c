package io.lodestar.acs.cwmp.connreq;

import io.lodestar.acs.core.settings.SettingsReader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster-wide rate: each node's share of connreq.cluster-rate, bounded by its own connreq.rate. */
class ConnectionRequestSettingsTest {

    private static ConnectionRequestSettings with(Map<String, String> values) {
        return ConnectionRequestSettings.from(SettingsReader.of(ConnectionRequestSettings.SETTINGS, values));
    }

    @Test
    void withoutAClusterRateEachNodeKeepsItsOwnRate() {
        assertThat(with(Map.of()).ratePerSecond()).isEqualTo(200);
        assertThat(with(Map.of("connreq.rate", "0")).ratePerSecond()).isZero();
    }

    @Test
    void aClusterRateIsSharedByTheConfiguredNodesSoThatTogetherTheyNeverExceedIt() {
        ConnectionRequestSettings node = with(Map.of("connreq.rate", "0", "connreq.cluster-rate", "1000",
                "connreq.cluster-nodes", "3"));
        assertThat(node.ratePerSecond()).isEqualTo(333);
        assertThat(node.ratePerSecond() * 3).isLessThanOrEqualTo(1000);
    }

    @Test
    void theLowerOfTheNodesOwnRateAndItsShareWinsAndAShareIsAtLeastOne() {
        assertThat(with(Map.of("connreq.rate", "100", "connreq.cluster-rate", "1000", "connreq.cluster-nodes", "2"))
                .ratePerSecond()).isEqualTo(100);
        assertThat(with(Map.of("connreq.rate", "100", "connreq.cluster-rate", "120", "connreq.cluster-nodes", "2"))
                .ratePerSecond()).isEqualTo(60);
        assertThat(ConnectionRequestSettings.nodeRate(0, 5, 10)).isEqualTo(1);
    }
}
