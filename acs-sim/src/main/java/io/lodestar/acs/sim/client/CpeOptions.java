package io.lodestar.acs.sim.client;

import io.lodestar.acs.core.rpc.CwmpVersion;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated CPE talks to its ACS. Start from {@link #defaults()} and change what you need:
 * {@code CpeOptions.defaults().withReconnectEachMessage(true).withTimeout(Duration.ofSeconds(5))}.
 *
 * @param cwmpVersion           the CWMP version to speak; null: the data model's default (1.0 for CSV
 *                              gateways, 1.4 for the built-in phone)
 * @param supportedCwmpVersions the {@code cwmp:SupportedCWMPVersions} header of the Inform; null: "1.0,...,1.4"
 *                              up to the version spoken when that is 1.4, no header below 1.4
 * @param reconnectEachMessage  close the TCP connection after each response and open a new one for the next
 *                              POST (the ACS must find its session again by cookie); default false (keep-alive)
 * @param timeout               how long to wait for a connection or for each HTTP response; default 30 s
 * @param connectionRequestUrl  written to ManagementServer.ConnectionRequestURL before each Inform; null: keep
 *                              the model's value
 * @param username              HTTP credentials for an ACS that challenges (Basic or Digest); null: the
 *                              model's ManagementServer.Username
 * @param password              null: the model's ManagementServer.Password
 * @param acceptConnectionRequests listen for the ACS's Connection Requests: the simulator's listener on
 *                              127.0.0.1 gets a URL for this CPE (reported as ConnectionRequestURL, instead of
 *                              {@code connectionRequestUrl}); an authenticated GET starts a session with
 *                              {@code 6 CONNECTION REQUEST}. Default false
 * @param challengeEverySession Digest: start every session unauthenticated and answer the ACS's 401; default false:
 *                              the CPE presents the nonce of its last session (with the next count) at the start of
 *                              the next, unchallenged, as many CPEs do (RFC 7616 allows it; a stale one is retried)
 */
public record CpeOptions(CwmpVersion cwmpVersion, String supportedCwmpVersions, boolean reconnectEachMessage,
                         Duration timeout, String connectionRequestUrl, String username, String password,
                         boolean acceptConnectionRequests, boolean challengeEverySession) {

    /** Reusing the Digest nonce from session to session. */
    public CpeOptions(CwmpVersion cwmpVersion, String supportedCwmpVersions, boolean reconnectEachMessage,
                      Duration timeout, String connectionRequestUrl, String username, String password,
                      boolean acceptConnectionRequests) {
        this(cwmpVersion, supportedCwmpVersions, reconnectEachMessage, timeout, connectionRequestUrl, username, password,
                acceptConnectionRequests, false);
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public CpeOptions {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    public static CpeOptions defaults() {
        return new CpeOptions(null, null, false, DEFAULT_TIMEOUT, null, null, null, false);
    }

    public CpeOptions withCwmpVersion(CwmpVersion version) {
        return new CpeOptions(version, supportedCwmpVersions, reconnectEachMessage, timeout, connectionRequestUrl, username, password, acceptConnectionRequests, challengeEverySession);
    }

    public CpeOptions withSupportedCwmpVersions(String versions) {
        return new CpeOptions(cwmpVersion, versions, reconnectEachMessage, timeout, connectionRequestUrl, username, password, acceptConnectionRequests, challengeEverySession);
    }

    public CpeOptions withReconnectEachMessage(boolean reconnect) {
        return new CpeOptions(cwmpVersion, supportedCwmpVersions, reconnect, timeout, connectionRequestUrl, username, password, acceptConnectionRequests, challengeEverySession);
    }

    public CpeOptions withTimeout(Duration t) {
        return new CpeOptions(cwmpVersion, supportedCwmpVersions, reconnectEachMessage, Objects.requireNonNull(t), connectionRequestUrl, username, password, acceptConnectionRequests, challengeEverySession);
    }

    public CpeOptions withConnectionRequestUrl(String url) {
        return new CpeOptions(cwmpVersion, supportedCwmpVersions, reconnectEachMessage, timeout, url, username, password, acceptConnectionRequests, challengeEverySession);
    }

    public CpeOptions withConnectionRequests(boolean accept) {
        return new CpeOptions(cwmpVersion, supportedCwmpVersions, reconnectEachMessage, timeout, connectionRequestUrl, username, password, accept, challengeEverySession);
    }

    public CpeOptions withChallengeEverySession(boolean challenge) {
        return new CpeOptions(cwmpVersion, supportedCwmpVersions, reconnectEachMessage, timeout, connectionRequestUrl,
                username, password, acceptConnectionRequests, challenge);
    }

    public CpeOptions withCredentials(String user, String pass) {
        return new CpeOptions(cwmpVersion, supportedCwmpVersions, reconnectEachMessage, timeout, connectionRequestUrl, user, pass, acceptConnectionRequests, challengeEverySession);
    }
}
