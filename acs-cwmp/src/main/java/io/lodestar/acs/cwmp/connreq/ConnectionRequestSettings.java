package io.lodestar.acs.cwmp.connreq;

import io.lodestar.acs.core.settings.Setting;
import io.lodestar.acs.core.settings.SettingsException;
import io.lodestar.acs.core.settings.SettingsReader;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Connection request settings, {@code connreq.*}.
 *
 * @param connectTimeout     how long to wait for the TCP (and TLS) connection to the device
 * @param responseTimeout    how long to wait for the device's HTTP answer, each of the (at most two) requests
 * @param sessionTimeout     how long after the device's 2xx the ACS waits for its Inform with
 *                           {@code 6 CONNECTION REQUEST} before the attempt counts as {@code NO_SESSION}
 * @param maxConcurrent      connection requests in flight on this node (sent, not yet answered)
 * @param ratePerSecond      connection requests this node sends per second at most (0: no limit); bursts up to
 *                           one second's worth; read from {@code connreq.rate} and this node's share of
 *                           {@code connreq.cluster-rate} ({@link #nodeRate})
 * @param allowBasic         whether a device's Basic challenge is answered (the password then travels in clear
 *                           without TLS); Digest is always answered
 * @param tryObservedAddress when the ConnectionRequestURL names a private address other than the one the device
 *                           informed from, try the observed address (same port and path) first
 * @param manageCredentials  on a device's 0 BOOTSTRAP, set its ConnectionRequestUsername/Password to secrets of
 *                           the ACS's own (stored sealed)
 * @param key                the AES-256 key sealing stored passwords (base64, 32 bytes), or null: the key file
 *                           {@code connection-request.key} in the data directory, created on first start
 */
public record ConnectionRequestSettings(Duration connectTimeout, Duration responseTimeout, Duration sessionTimeout,
                                        int maxConcurrent, int ratePerSecond, boolean allowBasic,
                                        boolean tryObservedAddress, boolean manageCredentials, byte[] key) {

    public static final List<Setting> SETTINGS = List.of(
            new Setting("connreq.connect-timeout", "3s", "how long a connection request waits to connect to the device"),
            new Setting("connreq.response-timeout", "5s", "how long a connection request waits for the device's answer"),
            new Setting("connreq.session-timeout", "30s",
                    "after the device accepted a connection request, how long the ACS waits for its Inform "
                            + "(6 CONNECTION REQUEST) before its tasks wait for the next Inform"),
            new Setting("connreq.max-concurrent", "256", "connection requests in flight at once on this ACS node"),
            new Setting("connreq.rate", "200", "connection requests this ACS node sends per second at most (0: no limit)"),
            new Setting("connreq.cluster-rate", "0",
                    "connection requests the whole cluster sends per second at most (0: none): each node takes "
                            + "connreq.cluster-rate / connreq.cluster-nodes (and at most connreq.rate)"),
            new Setting("connreq.cluster-nodes", "1",
                    "how many ACS nodes share connreq.cluster-rate (the nodes of the cluster, the same on each)"),
            new Setting("connreq.allow-basic", "false",
                    "answer a device's Basic challenge (its password then travels in clear unless the URL is https)"),
            new Setting("connreq.try-observed-address", "true",
                    "when the ConnectionRequestURL names a private address other than the one the device informed "
                            + "from, try the observed address first"),
            new Setting("connreq.manage-credentials", "false",
                    "on a device's 0 BOOTSTRAP, set ManagementServer.ConnectionRequestUsername/Password to "
                            + "per-device secrets the ACS keeps (sealed)"),
            new Setting("connreq.key", "",
                    "AES-256 key sealing stored connection request passwords, base64 (32 bytes); the same on every "
                            + "node; empty: the file connection-request.key in the data directory, created on first start"));

    public ConnectionRequestSettings {
        if (key != null && key.length != 32) {
            throw new IllegalArgumentException("a connection request key is 32 bytes, not " + key.length);
        }
        key = key == null ? null : key.clone();
    }

    public static ConnectionRequestSettings defaults() {
        return from(SettingsReader.defaults(SETTINGS));
    }

    public static ConnectionRequestSettings from(SettingsReader s) {
        String keyText = s.string("connreq.key").trim();
        byte[] key = null;
        if (!keyText.isEmpty()) {
            try {
                key = Base64.getDecoder().decode(keyText);
            } catch (IllegalArgumentException e) {
                throw new SettingsException("connreq.key", "setting 'connreq.key' is not base64: " + e.getMessage());
            }
            if (key.length != 32) {
                throw new SettingsException("connreq.key", "setting 'connreq.key' must decode to 32 bytes (AES-256), not "
                        + key.length);
            }
        }
        return new ConnectionRequestSettings(s.positiveDuration("connreq.connect-timeout"),
                s.positiveDuration("connreq.response-timeout"), s.positiveDuration("connreq.session-timeout"),
                s.integer("connreq.max-concurrent", 1, 100_000), nodeRate(s.integer("connreq.rate", 0, 1_000_000),
                        s.integer("connreq.cluster-rate", 0, 100_000_000), s.integer("connreq.cluster-nodes", 1, 10_000)),
                s.bool("connreq.allow-basic"), s.bool("connreq.try-observed-address"),
                s.bool("connreq.manage-credentials"), key);
    }

    /**
     * This node's rate: its own bound ({@code connreq.rate}, 0: none) and its share of the cluster's, whichever is
     * lower. The share is the cluster rate over the configured node count, rounded down but at least 1, so the nodes
     * together never exceed the cluster rate (with fewer nodes running they send less: the scheme needs no
     * coordination between nodes, no store round trip per request).
     */
    static int nodeRate(int own, int clusterRate, int clusterNodes) {
        if (clusterRate == 0) {
            return own;
        }
        int share = Math.max(1, clusterRate / clusterNodes);
        return own == 0 ? share : Math.min(own, share);
    }

    @Override
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    public ConnectionRequestSettings withRate(int perSecond, int concurrent) {
        return new ConnectionRequestSettings(connectTimeout, responseTimeout, sessionTimeout, concurrent, perSecond,
                allowBasic, tryObservedAddress, manageCredentials, key);
    }

    public ConnectionRequestSettings withSessionTimeout(Duration timeout) {
        return new ConnectionRequestSettings(connectTimeout, responseTimeout, timeout, maxConcurrent, ratePerSecond,
                allowBasic, tryObservedAddress, manageCredentials, key);
    }

    public ConnectionRequestSettings withTimeouts(Duration connect, Duration response) {
        return new ConnectionRequestSettings(connect, response, sessionTimeout, maxConcurrent, ratePerSecond,
                allowBasic, tryObservedAddress, manageCredentials, key);
    }

    public ConnectionRequestSettings withAllowBasic(boolean allow) {
        return new ConnectionRequestSettings(connectTimeout, responseTimeout, sessionTimeout, maxConcurrent,
                ratePerSecond, allow, tryObservedAddress, manageCredentials, key);
    }

    public ConnectionRequestSettings withManageCredentials(boolean manage) {
        return new ConnectionRequestSettings(connectTimeout, responseTimeout, sessionTimeout, maxConcurrent,
                ratePerSecond, allowBasic, tryObservedAddress, manage, key);
    }
}
