package io.lodestar.acs.server.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every setting Lodestar knows, with its default: the one list that config files, env and flags are checked against. */
final class Defaults {

    /** In documentation order. */
    static final Map<String, String> VALUES;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cwmp.bind", "0.0.0.0");
        m.put("cwmp.port", "7547");
        m.put("cwmp.max-body-bytes", String.valueOf(8 * 1024 * 1024));
        m.put("cwmp.session-idle-timeout", "30s");
        m.put("cwmp.connection-idle-timeout", "30s");
        m.put("cwmp.worker-threads", "16");
        m.putAll(io.lodestar.acs.api.ApiSettings.DEFAULTS); // api.* (the operators' REST API)
        m.put("store.type", "embedded");
        m.put("store.path", "./data");
        m.put("store.sync", "true");
        m.put("store.cache-max-parameters", "2000000");
        m.put("store.indexed-parameters", "Device.DeviceInfo.SerialNumber,InternetGatewayDevice.DeviceInfo.SerialNumber");
        m.put("store.cassandra.contact-points", "127.0.0.1:9042");
        m.put("store.cassandra.local-datacenter", "datacenter1");
        m.put("store.cassandra.keyspace", "lodestar");
        m.put("store.cassandra.replication", "{'class': 'SimpleStrategy', 'replication_factor': 1}");
        m.put("store.cassandra.consistency", "LOCAL_QUORUM");
        m.put("store.cassandra.serial-consistency", "LOCAL_SERIAL");
        m.put("store.cassandra.request-timeout", "5s");
        m.put("store.cassandra.index-verify-interval", "24h");
        m.put("cluster.node-id", "");
        m.put("cwmp.session-lease-ttl", "60s");
        m.put("session.identity", "oui-productclass-serial");
        m.put("session.auto-register", "true");
        m.put("session.discovery", "level-by-level");
        m.put("session.values-per-request", "64");
        m.put("session.max-parameters", "100000");
        m.put("session.operation-timeout", "1h");
        m.put("tasks.max-attempts", "5");
        m.put("tasks.initial-backoff", "1m");
        m.put("tasks.max-backoff", "1h");
        VALUES = Collections.unmodifiableMap(m);
    }

    private Defaults() {}
}
