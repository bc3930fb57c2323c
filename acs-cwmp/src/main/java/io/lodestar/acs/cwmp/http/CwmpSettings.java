package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;

import java.time.Duration;
import java.util.List;

/**
 * The CWMP endpoint's settings, {@code cwmp.*}: what {@link CwmpServer.Builder} is given.
 *
 * @param endpoint           the listening socket and its limits
 * @param sessionIdleTimeout how long a silent CWMP session lives ({@code cwmp.session-idle-timeout})
 * @param sessionLeaseTtl    how long a device's session lease lives unless renewed ({@code cwmp.session-lease-ttl});
 *                           longer than the idle timeout, so that a live session never loses its lease
 * @param tls                HTTPS ({@code cwmp.tls*})
 * @param limits             the bounds on connections, bytes, sessions, and the shutdown grace
 */
public record CwmpSettings(CwmpEndpointConfig endpoint, Duration sessionIdleTimeout, Duration sessionLeaseTtl,
                           TlsSettings tls, EndpointLimits limits) {

    private static final List<Setting> ENDPOINT = List.of(
            new Setting("cwmp.bind", "0.0.0.0", "the address the CWMP endpoint listens on"),
            new Setting("cwmp.port", String.valueOf(CwmpEndpointConfig.DEFAULT_PORT), "the CWMP port"),
            new Setting("cwmp.max-body-bytes", String.valueOf(8 * 1024 * 1024),
                    "largest request body accepted after gzip/deflate inflation; larger bodies get HTTP 413"),
            new Setting("cwmp.session-idle-timeout", "30s",
                    "a CWMP session that hears nothing from its CPE for this long ends"),
            new Setting("cwmp.connection-idle-timeout", "30s", "how long an idle TCP connection is kept open"),
            new Setting("cwmp.worker-threads", "16", "threads that run sessions (they block on the store)"),
            new Setting("cwmp.session-lease-ttl", "60s",
                    "a device's session lease lives this long unless renewed; a crashed node's leases expire after it"));

    public static final List<Setting> SETTINGS = Setting.concat(ENDPOINT, TlsSettings.SETTINGS, EndpointLimits.SETTINGS);

    public static CwmpSettings from(SettingsReader s) {
        CwmpEndpointConfig endpoint = new CwmpEndpointConfig(s.string("cwmp.bind"), s.integer("cwmp.port", 0, 65535),
                s.integer("cwmp.max-body-bytes", 1024, Integer.MAX_VALUE), s.duration("cwmp.connection-idle-timeout"),
                s.integer("cwmp.worker-threads", 1, 1024));
        Duration idle = s.positiveDuration("cwmp.session-idle-timeout");
        Duration leaseTtl = s.duration("cwmp.session-lease-ttl");
        if (leaseTtl.compareTo(idle) <= 0) {
            throw new SettingsException("cwmp.session-lease-ttl", "setting 'cwmp.session-lease-ttl' ("
                    + leaseTtl.toSeconds() + "s) must be longer than cwmp.session-idle-timeout (" + idle.toSeconds()
                    + "s)");
        }
        return new CwmpSettings(endpoint, idle, leaseTtl, TlsSettings.from(s), EndpointLimits.from(s));
    }
}
