package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CassandraSettingsTest {

    @Test
    void theDefaultsReachALocalSingleNode() {
        CassandraStoreConfig config = CassandraSettings.from(SettingsReader.defaults(CassandraSettings.SETTINGS))
                .toStoreConfig();

        assertThat(config).isEqualTo(CassandraStoreConfig.of(List.of("127.0.0.1:9042"), "datacenter1"));
        assertThat(config.indexVerifyInterval()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aContactPointWithoutPortIsRefused() {
        assertThatThrownBy(() -> CassandraSettings.from(SettingsReader.of(CassandraSettings.SETTINGS,
                Map.of("store.cassandra.contact-points", "10.0.0.1"))))
                .isInstanceOf(SettingsException.class)
                .hasMessage("setting 'store.cassandra.contact-points' takes host:port[,host:port...], not '10.0.0.1'");
    }

    @Test
    void aBadConsistencyIsRefusedOnlyWhenTheStoreIsConfigured() {
        CassandraSettings settings = CassandraSettings.from(SettingsReader.of(CassandraSettings.SETTINGS,
                Map.of("store.cassandra.consistency", "SOME")));

        assertThatThrownBy(settings::toStoreConfig).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store.cassandra.consistency");
    }

    @Test
    void sessionLeasesAreQuorumClaimsUnlessLightweightTransactionsAreNamed() {
        assertThat(CassandraSettings.from(SettingsReader.defaults(CassandraSettings.SETTINGS)).toStoreConfig()
                .leaseMode()).isEqualTo(CassandraStoreConfig.LeaseMode.QUORUM);
        assertThat(CassandraSettings.from(SettingsReader.of(CassandraSettings.SETTINGS,
                Map.of("store.cassandra.session-leases", "LWT"))).toStoreConfig().leaseMode())
                .isEqualTo(CassandraStoreConfig.LeaseMode.LWT);
        assertThat(CassandraSettings.from(SettingsReader.of(CassandraSettings.SETTINGS,
                Map.of("store.cassandra.session-leases", "quorum-table"))).toStoreConfig().leaseMode())
                .isEqualTo(CassandraStoreConfig.LeaseMode.QUORUM_TABLE);
        CassandraSettings paxos = CassandraSettings.from(SettingsReader.of(CassandraSettings.SETTINGS,
                Map.of("store.cassandra.session-leases", "paxos")));
        assertThatThrownBy(paxos::toStoreConfig).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("store.cassandra.session-leases: quorum, quorum-table or lwt, not paxos");
    }
}
