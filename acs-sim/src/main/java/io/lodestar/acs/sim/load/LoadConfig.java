package io.lodestar.acs.sim.load;

import io.lodestar.acs.sim.model.DataModel;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One load run's settings.
 *
 * @param url               the ACS's CWMP URL (http)
 * @param model             the tree every device shares (its serial number is replaced per device)
 * @param devices           how many devices
 * @param serialPrefix      serial numbers are the prefix and 7 digits
 * @param scenario          what the devices do
 * @param concurrency       sessions in flight at most (one connection and one thread each)
 * @param rate              periodic: target sessions/s over the fleet, 0 for as fast as the concurrency allows
 * @param duration          the measured phase ends after this at the latest
 * @param maxSessions       the measured phase ends after this many sessions (ok or failed), 0 for no bound
 * @param prime             first register the devices with one discovery session each (not measured with the rest)
 * @param primeTimeout      the priming discovery ends after this at the latest
 * @param retryScale        the TR-069 retry back-off multiplied by this
 * @param username          CPE credentials (null: none)
 * @param password          CPE credentials
 * @param connectPerSession a new TCP connection for each session (as most CPEs do) instead of one per worker
 * @param timeout           connect and answer time-out
 * @param progressEvery     how often a progress line is printed
 * @param apiUrl            the ACS's API (connection-request storm), null otherwise
 * @param apiToken          a token of scope write for the API
 * @param reuseNonce        Digest: each device presents its last nonce (with a growing count) at the start of its
 *                          next session, unchallenged, as many CPEs do; false: every session starts
 *                          unauthenticated and answers the ACS's 401 challenge (TR-069's minimum)
 * @param engine            how sessions in flight are run: {@link Engine#ASYNC} (a few event-loop threads for all
 *                          of them) or {@link Engine#THREADS} (one thread and blocking connection each)
 */
public record LoadConfig(URI url, DataModel model, int devices, String serialPrefix, Scenario scenario,
                         int concurrency, double rate, Duration duration, long maxSessions, boolean prime,
                         Duration primeTimeout, double retryScale, String username, String password, boolean connectPerSession,
                         Duration timeout, Duration progressEvery, URI apiUrl, String apiToken,
                         boolean reuseNonce, Engine engine) {

    /** How sessions in flight are run. */
    public enum Engine {
        /** A few Netty event-loop threads for every session in flight (the default: cheap at any concurrency). */
        ASYNC,
        /** One thread and one blocking connection per session in flight (the first generator's way). */
        THREADS;

        public static Engine fromCli(String s) {
            for (Engine e : values()) {
                if (e.name().equalsIgnoreCase(s.trim())) {
                    return e;
                }
            }
            throw new IllegalArgumentException("unknown engine " + s + " (async, threads)");
        }
    }

    /** With the asynchronous engine. */
    public LoadConfig(URI url, DataModel model, int devices, String serialPrefix, Scenario scenario,
                      int concurrency, double rate, Duration duration, long maxSessions, boolean prime,
                      Duration primeTimeout, double retryScale, String username, String password,
                      boolean connectPerSession, Duration timeout, Duration progressEvery, URI apiUrl, String apiToken,
                      boolean reuseNonce) {
        this(url, model, devices, serialPrefix, scenario, concurrency, rate, duration, maxSessions, prime, primeTimeout,
                retryScale, username, password, connectPerSession, timeout, progressEvery, apiUrl, apiToken, reuseNonce,
                Engine.ASYNC);
    }

    /** With the Digest nonce reused from one session to the next (as many CPEs do). */
    public LoadConfig(URI url, DataModel model, int devices, String serialPrefix, Scenario scenario,
                      int concurrency, double rate, Duration duration, long maxSessions, boolean prime,
                      Duration primeTimeout, double retryScale, String username, String password,
                      boolean connectPerSession, Duration timeout, Duration progressEvery, URI apiUrl, String apiToken) {
        this(url, model, devices, serialPrefix, scenario, concurrency, rate, duration, maxSessions, prime, primeTimeout,
                retryScale, username, password, connectPerSession, timeout, progressEvery, apiUrl, apiToken, true);
    }

    /** Whether sessions are paced to {@code rate}: their latency then counts from each one's intended start. */
    public boolean paced() {
        return scenario == Scenario.PERIODIC && rate > 0;
    }

    public LoadConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(engine, "engine");
        if (devices < 1 || concurrency < 1 || rate < 0 || retryScale <= 0) {
            throw new IllegalArgumentException("need devices >= 1, concurrency >= 1, rate >= 0, retry scale > 0");
        }
        if (scenario == Scenario.CONNECTION_REQUEST_STORM && (apiUrl == null || apiToken == null)) {
            throw new IllegalArgumentException("the connection-request storm needs the ACS's API URL and a token");
        }
    }
}
