package io.lodestar.acs.server.config;

import io.lodestar.acs.api.ApiSettings;
import io.lodestar.acs.core.device.IdentityScheme;
import io.lodestar.acs.core.session.DiscoveryMode;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.core.task.RetryPolicy;
import io.lodestar.acs.cwmp.http.CwmpEndpointConfig;
import io.lodestar.acs.store.IndexedParameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The typed configuration of one ACS process, read from {@link Settings}.
 *
 * @param endpoint           the CWMP endpoint
 * @param sessionIdleTimeout how long a silent CWMP session lives
 * @param store              where and how data is kept
 * @param policy             how sessions behave
 * @param api                the operators' REST API ({@code api.*})
 */
public record AcsConfig(CwmpEndpointConfig endpoint, Duration sessionIdleTimeout, StoreConfig store,
                        SessionPolicy policy, String nodeId, Duration sessionLeaseTtl, ApiSettings api) {

    /**
     * Where and how data is kept.
     *
     * @param type               {@code embedded} or {@code cassandra}
     * @param path               the embedded store's directory
     * @param sync               whether the embedded store syncs every session's batch
     * @param cacheMaxParameters the embedded store's read cache, in parameters (0: none)
     * @param cassandra          the Cassandra settings (used when type is cassandra)
     * @param indexed            the parameters devices can be searched by
     */
    public record StoreConfig(String type, Path path, boolean sync, long cacheMaxParameters, CassandraSettings cassandra,
                              IndexedParameters indexed) {

        public boolean isCassandra() {
            return type.equals("cassandra");
        }
    }

    /**
     * The {@code store.cassandra.*} settings, as given.
     *
     * @param indexVerifyInterval how often the indexed parameters' entries are verified by one node of the cluster
     *                            ({@code store.cassandra.index-verify-interval}); zero: never
     */
    public record CassandraSettings(List<String> contactPoints, String localDatacenter, String keyspace,
                                    String replication, String consistency, String serialConsistency,
                                    Duration requestTimeout, Duration indexVerifyInterval) {}

    public static AcsConfig from(Settings s) {
        CwmpEndpointConfig endpoint = new CwmpEndpointConfig(s.string("cwmp.bind"),
                s.integer("cwmp.port", 0, 65535), s.integer("cwmp.max-body-bytes", 1024, Integer.MAX_VALUE),
                s.duration("cwmp.connection-idle-timeout"), s.integer("cwmp.worker-threads", 1, 1024));
        String type = s.string("store.type");
        if (!type.equals("embedded") && !type.equals("cassandra")) {
            throw new ConfigException("setting 'store.type' must be 'embedded' or 'cassandra', not '" + type + "'");
        }
        List<String> contactPoints = Arrays.stream(s.string("store.cassandra.contact-points").split(","))
                .map(String::trim).filter(p -> !p.isEmpty()).toList();
        for (String point : contactPoints) {
            if (!point.matches("[^:\\s]+:\\d{1,5}")) {
                throw new ConfigException("setting 'store.cassandra.contact-points' takes host:port[,host:port...], not '"
                        + point + "'");
            }
        }
        CassandraSettings cassandra = new CassandraSettings(contactPoints, s.string("store.cassandra.local-datacenter"),
                s.string("store.cassandra.keyspace"), s.string("store.cassandra.replication"),
                s.string("store.cassandra.consistency"), s.string("store.cassandra.serial-consistency"),
                s.duration("store.cassandra.request-timeout"), s.duration("store.cassandra.index-verify-interval"));
        if (type.equals("cassandra") && contactPoints.isEmpty()) {
            throw new ConfigException("setting 'store.cassandra.contact-points' is needed with store.type=cassandra");
        }
        IndexedParameters indexed;
        try {
            indexed = IndexedParameters.parse(s.string("store.indexed-parameters"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting 'store.indexed-parameters': " + e.getMessage());
        }
        StoreConfig store = new StoreConfig(type, Path.of(s.string("store.path")), s.bool("store.sync"),
                s.integer("store.cache-max-parameters", 0, Integer.MAX_VALUE), cassandra, indexed);
        Duration operationTimeout = s.duration("session.operation-timeout");
        if (operationTimeout.isZero() || operationTimeout.isNegative()) {
            throw new ConfigException("setting 'session.operation-timeout' must be positive");
        }
        RetryPolicy retry;
        SessionPolicy policy;
        try {
            retry = new RetryPolicy(s.integer("tasks.max-attempts", 1, 1000), s.duration("tasks.initial-backoff"),
                    s.duration("tasks.max-backoff"));
            policy = new SessionPolicy(s.enumValue("session.identity", IdentityScheme.class),
                    s.bool("session.auto-register"), s.enumValue("session.discovery", DiscoveryMode.class),
                    s.integer("session.values-per-request", 1, 10_000), s.integer("session.max-parameters", 1,
                    10_000_000), retry, operationTimeout);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        Duration idle = s.duration("cwmp.session-idle-timeout");
        if (idle.isZero() || idle.isNegative()) {
            throw new ConfigException("setting 'cwmp.session-idle-timeout' must be positive");
        }
        Duration leaseTtl = s.duration("cwmp.session-lease-ttl");
        if (leaseTtl.compareTo(idle) <= 0) {
            throw new ConfigException("setting 'cwmp.session-lease-ttl' (" + leaseTtl.toSeconds()
                    + "s) must be longer than cwmp.session-idle-timeout (" + idle.toSeconds() + "s)");
        }
        String nodeId = s.string("cluster.node-id");
        ApiSettings api;
        try {
            api = ApiSettings.from(s.asMap());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return new AcsConfig(endpoint, idle, store, policy, nodeId.isBlank() ? null : nodeId, leaseTtl, api);
    }
}
