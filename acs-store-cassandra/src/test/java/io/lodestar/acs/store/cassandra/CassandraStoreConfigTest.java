package io.lodestar.acs.store.cassandra;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CassandraStoreConfigTest {

    private static final CassandraStoreConfig BASE = CassandraStoreConfig.of(List.of("127.0.0.1:9042"), "dc1");

    @Test
    void defaultsSuitASingleNode() {
        assertThat(BASE.keyspace()).isEqualTo("lodestar");
        assertThat(BASE.replication()).isEqualTo(Map.of("class", "SimpleStrategy", "replication_factor", "1"));
        assertThat(BASE.consistency()).isEqualTo("LOCAL_QUORUM");
        assertThat(BASE.serialConsistency()).isEqualTo("LOCAL_SERIAL");
        assertThat(BASE.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(BASE.indexVerifyInterval()).isEqualTo(Duration.ofHours(24));
        assertThat(BASE.indexVerifyPause()).isEqualTo(Duration.ofMillis(100));
        assertThat(new CassandraStoreConfig(BASE.contactPoints(), "dc1", "lodestar", BASE.replication(),
                "LOCAL_QUORUM", "LOCAL_SERIAL", Duration.ofSeconds(5))).as("the settings without verification's")
                .isEqualTo(BASE);
    }

    @Test
    void indexVerificationTakesAnIntervalOrZeroForOff() {
        assertThat(BASE.withIndexVerifyInterval(Duration.ZERO).indexVerifyInterval()).isZero();
        assertThat(BASE.withIndexVerifyInterval(Duration.ofMinutes(90)).withRequestTimeout(Duration.ofSeconds(2))
                .indexVerifyInterval()).as("kept by the other withers").isEqualTo(Duration.ofMinutes(90));
        assertThat(BASE.withIndexVerifyPause(Duration.ZERO).indexVerifyPause()).isZero();
        assertThatThrownBy(() -> BASE.withIndexVerifyInterval(Duration.ofSeconds(-1)))
                .hasMessageContaining("store.cassandra.index-verify-interval");
        assertThatThrownBy(() -> BASE.withIndexVerifyPause(Duration.ofMillis(-1))).hasMessageContaining("pause");
    }

    @Test
    void contactPointsTakeAPortOrGet9042() {
        CassandraStoreConfig c = CassandraStoreConfig.of(List.of("10.0.0.1", "127.0.0.1:19042", "[::1]:9043", "[::1]"),
                "dc1");
        assertThat(c.addresses()).containsExactly(new InetSocketAddress("10.0.0.1", 9042),
                new InetSocketAddress("127.0.0.1", 19042), new InetSocketAddress("::1", 9043),
                new InetSocketAddress("::1", 9042));
        assertThat(c.addresses()).noneMatch(InetSocketAddress::isUnresolved);
        assertThatThrownBy(() -> CassandraStoreConfig.of(List.of("h:99999"), "dc1"))
                .hasMessageContaining("bad port");
        assertThatThrownBy(() -> CassandraStoreConfig.of(List.of(), "dc1"))
                .hasMessageContaining("store.cassandra.contact-points");
    }

    @Test
    void replicationReadsACqlMapOrPlainPairs() {
        Map<String, String> nts = Map.of("class", "NetworkTopologyStrategy", "dc1", "3", "dc2", "2");
        assertThat(CassandraStoreConfig.parseReplication("{'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': '2'}"))
                .isEqualTo(nts);
        assertThat(CassandraStoreConfig.parseReplication("class=NetworkTopologyStrategy,dc1=3, dc2=2")).isEqualTo(nts);
        assertThat(CassandraStoreConfig.parseReplication("{'class':'SimpleStrategy','replication_factor':1}"))
                .isEqualTo(CassandraStoreConfig.simpleStrategy(1));
        assertThatThrownBy(() -> CassandraStoreConfig.parseReplication("dc1=3")).hasMessageContaining("class");
        assertThat(BASE.withReplication(nts).replicationCql())
                .isEqualTo("{'class': 'NetworkTopologyStrategy', 'dc1': '3', 'dc2': '2'}");
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> BASE.withKeyspace("lodestar; DROP")).hasMessageContaining("store.cassandra.keyspace");
        assertThatThrownBy(() -> BASE.withKeyspace("1abc")).hasMessageContaining("store.cassandra.keyspace");
        assertThatThrownBy(() -> BASE.withConsistency("SOMETIMES")).hasMessageContaining("store.cassandra.consistency");
        assertThatThrownBy(() -> BASE.withSerialConsistency("QUORUM"))
                .hasMessageContaining("store.cassandra.serial-consistency");
        assertThatThrownBy(() -> BASE.withRequestTimeout(Duration.ZERO))
                .hasMessageContaining("store.cassandra.request-timeout");
        assertThat(BASE.withConsistency("local_one").consistency()).isEqualTo("LOCAL_ONE");
        assertThatThrownBy(() -> CassandraStoreConfig.of(List.of("h"), " "))
                .hasMessageContaining("store.cassandra.local-datacenter");
    }
}
