package io.lodestar.acs.sim.load;

import io.lodestar.acs.codec.CwmpCodec;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

/**
 * Runs one CWMP session of a {@link LoadCpe} (a {@link SessionFlow}) over a worker's blocking connection, recording
 * request latencies; a failure is classified by kind ({@code connect}, {@code timeout}, {@code closed},
 * {@code http_503}, {@code fault_8005}, {@code auth_rejected}, {@code decode}, {@code protocol}) so that the summary
 * can count them. {@link AsyncSessions} runs the same flow without a thread per session.
 */
final class SessionDriver {

    /** How a session ended; {@code retryAfterSeconds} from a 503 (0 when none). */
    record Outcome(boolean ok, String errorKind, String detail, long retryAfterSeconds) {
        static final Outcome OK = new Outcome(true, null, null, 0);

        static Outcome failed(String kind, String detail) {
            return new Outcome(false, kind, detail, 0);
        }
    }

    private final CwmpCodec codec;
    private final LoadStats stats;
    private final String username;
    private final String password;
    private final boolean reuseNonce;

    SessionDriver(CwmpCodec codec, LoadStats stats, String username, String password) {
        this(codec, stats, username, password, false);
    }

    SessionDriver(CwmpCodec codec, LoadStats stats, String username, String password, boolean reuseNonce) {
        this.codec = codec;
        this.stats = stats;
        this.username = username;
        this.password = password;
        this.reuseNonce = reuseNonce;
    }

    /** A new session of the device, for a transport to drive. */
    SessionFlow flow(LoadCpe cpe, String trigger, String path) {
        return new SessionFlow(codec, stats, username, password, reuseNonce, cpe, trigger, path);
    }

    Outcome run(LoadCpe cpe, String trigger, BlockingHttpConnection http) {
        SessionFlow flow = flow(cpe, trigger, http.path());
        try {
            SessionFlow.Request q = flow.start();
            while (q != null) {
                long t0 = System.nanoTime();
                BlockingHttpConnection.Response r = http.post(q.body(), q.cookie(), q.authorization());
                stats.request(System.nanoTime() - t0, r.status());
                q = flow.onResponse(r);
            }
            return flow.outcome();
        } catch (ConnectException e) {
            return Outcome.failed("connect", e.getMessage());
        } catch (SocketTimeoutException e) {
            return Outcome.failed("timeout", "no answer within the time-out");
        } catch (IOException e) {
            return Outcome.failed("closed", e.getMessage());
        } catch (RuntimeException e) {
            return Outcome.failed("internal", e.toString());
        }
    }
}
