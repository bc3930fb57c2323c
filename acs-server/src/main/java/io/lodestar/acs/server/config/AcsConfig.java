package io.lodestar.acs.server.config;

import io.lodestar.acs.core.device.IdentityScheme;
import io.lodestar.acs.core.session.DiscoveryMode;
import io.lodestar.acs.core.session.SessionPolicy;
import io.lodestar.acs.core.task.RetryPolicy;
import io.lodestar.acs.cwmp.http.CwmpEndpointConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The typed configuration of one ACS process, read from {@link Settings}.
 *
 * @param endpoint           the CWMP endpoint
 * @param sessionIdleTimeout how long a silent CWMP session lives
 * @param store              where and how data is kept
 * @param policy             how sessions behave
 */
public record AcsConfig(CwmpEndpointConfig endpoint, Duration sessionIdleTimeout, StoreConfig store,
                        SessionPolicy policy) {

    /** The embedded store's settings. */
    public record StoreConfig(String type, Path path, boolean sync, long cacheMaxParameters) {}

    public static AcsConfig from(Settings s) {
        CwmpEndpointConfig endpoint = new CwmpEndpointConfig(s.string("cwmp.bind"),
                s.integer("cwmp.port", 0, 65535), s.integer("cwmp.max-body-bytes", 1024, Integer.MAX_VALUE),
                s.duration("cwmp.connection-idle-timeout"), s.integer("cwmp.worker-threads", 1, 1024));
        String type = s.string("store.type");
        if (!type.equals("embedded")) {
            throw new ConfigException("setting 'store.type' must be 'embedded' (the only store in this version), not '"
                    + type + "'");
        }
        StoreConfig store = new StoreConfig(type, Path.of(s.string("store.path")), s.bool("store.sync"),
                s.integer("store.cache-max-parameters", 0, Integer.MAX_VALUE));
        RetryPolicy retry;
        SessionPolicy policy;
        try {
            retry = new RetryPolicy(s.integer("tasks.max-attempts", 1, 1000), s.duration("tasks.initial-backoff"),
                    s.duration("tasks.max-backoff"));
            policy = new SessionPolicy(s.enumValue("session.identity", IdentityScheme.class),
                    s.bool("session.auto-register"), s.enumValue("session.discovery", DiscoveryMode.class),
                    s.integer("session.values-per-request", 1, 10_000), s.integer("session.max-parameters", 1,
                    10_000_000), retry);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        Duration idle = s.duration("cwmp.session-idle-timeout");
        if (idle.isZero() || idle.isNegative()) {
            throw new ConfigException("setting 'cwmp.session-idle-timeout' must be positive");
        }
        return new AcsConfig(endpoint, idle, store, policy);
    }
}
