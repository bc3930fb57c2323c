package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;

import java.time.Duration;
import java.util.List;

/**
 * The {@code store.cassandra.*} settings, as given. They are checked in full ({@link #toStoreConfig()}) only when
 * the Cassandra store is chosen, so that an embedded deployment is not held up by a Cassandra setting it ignores.
 *
 * @param contactPoints       {@code host:port} of some nodes ({@code store.cassandra.contact-points}); may be
 *                            empty unless the Cassandra store is chosen
 * @param indexVerifyInterval how often the indexed parameters' entries are verified by one node of the cluster
 *                            ({@code store.cassandra.index-verify-interval}); zero: never
 * @param sessionLeases       {@code quorum}, {@code quorum-table} or {@code lwt}
 *                            ({@code store.cassandra.session-leases}, see {@link CassandraStoreConfig.LeaseMode})
 */
public record CassandraSettings(List<String> contactPoints, String localDatacenter, String keyspace,
                                String replication, String consistency, String serialConsistency,
                                Duration requestTimeout, Duration indexVerifyInterval, String sessionLeases) {

    public static final List<Setting> SETTINGS = List.of(
            new Setting("store.cassandra.contact-points", "127.0.0.1:9042",
                    "contact points as host:port, comma-separated"),
            new Setting("store.cassandra.local-datacenter", "datacenter1", "the datacenter this ACS node is in"),
            new Setting("store.cassandra.keyspace", CassandraStoreConfig.DEFAULT_KEYSPACE,
                    "the keyspace of every table; created when missing"),
            new Setting("store.cassandra.replication", "{'class': 'SimpleStrategy', 'replication_factor': 1}",
                    "the keyspace's replication, used when it is created"),
            new Setting("store.cassandra.consistency", "LOCAL_QUORUM",
                    "LOCAL_QUORUM for clusters; LOCAL_ONE or ONE for a single node"),
            new Setting("store.cassandra.serial-consistency", "LOCAL_SERIAL",
                    "the consistency of the lightweight transactions: LOCAL_SERIAL or SERIAL"),
            new Setting("store.cassandra.request-timeout", "5s", "how long one request may take"),
            new Setting("store.cassandra.index-verify-interval", "24h",
                    "how often one ACS node verifies the indexed parameters' entries; 0s: never"),
            new Setting("store.cassandra.session-leases", CassandraStoreConfig.DEFAULT_LEASE_MODE.setting(),
                    "how sessions are kept one per device across ACS nodes: quorum (claims in the device's row, "
                            + "no Paxos), quorum-table (the same claims in a table of their own, before V015) or lwt"));

    public CassandraSettings {
        contactPoints = List.copyOf(contactPoints);
    }

    public static CassandraSettings from(SettingsReader s) {
        List<String> contactPoints = s.list("store.cassandra.contact-points");
        for (String point : contactPoints) {
            if (!point.matches("[^:\\s]+:\\d{1,5}")) {
                throw new SettingsException("store.cassandra.contact-points", "setting 'store.cassandra.contact-points'"
                        + " takes host:port[,host:port...], not '" + point + "'");
            }
        }
        return new CassandraSettings(contactPoints, s.string("store.cassandra.local-datacenter"),
                s.string("store.cassandra.keyspace"), s.string("store.cassandra.replication"),
                s.string("store.cassandra.consistency"), s.string("store.cassandra.serial-consistency"),
                s.duration("store.cassandra.request-timeout"), s.duration("store.cassandra.index-verify-interval"),
                s.string("store.cassandra.session-leases"));
    }

    /**
     * The store's configuration.
     *
     * @throws IllegalArgumentException naming the setting that does not fit
     */
    public CassandraStoreConfig toStoreConfig() {
        return new CassandraStoreConfig(contactPoints, localDatacenter, keyspace,
                CassandraStoreConfig.parseReplication(replication), consistency, serialConsistency, requestTimeout)
                .withIndexVerifyInterval(indexVerifyInterval)
                .withLeaseMode(CassandraStoreConfig.LeaseMode.parse(sessionLeases));
    }
}
