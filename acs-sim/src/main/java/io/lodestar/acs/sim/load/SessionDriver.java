package io.lodestar.acs.sim.load;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.codec.CwmpDecodeException;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.httpauth.HttpAuthClient;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one CWMP session of a {@link LoadCpe} over a worker's connection: Inform (answering a 401 challenge once,
 * as a CPE does at each session; or, with {@code reuseNonce}, presenting the device's last Digest nonce with the
 * next count unchallenged, and answering a challenge only when the ACS finds that nonce stale), the InformResponse, the empty POST, then each request of the ACS answered until
 * its empty answer ends the session. Records request latencies and the ACS's RPCs; a failure is classified by kind
 * ({@code connect}, {@code timeout}, {@code closed}, {@code http_503}, {@code fault_8005}, {@code auth_rejected},
 * {@code decode}, {@code protocol}) so that the summary can count them.
 */
final class SessionDriver {

    /** How a session ended; {@code retryAfterSeconds} from a 503 (0 when none). */
    record Outcome(boolean ok, String errorKind, String detail, long retryAfterSeconds) {
        static final Outcome OK = new Outcome(true, null, null, 0);

        static Outcome failed(String kind, String detail) {
            return new Outcome(false, kind, detail, 0);
        }
    }

    private static final String ALL_VERSIONS = "1.0,1.1,1.2,1.3,1.4";
    private static final int MAX_EXCHANGES = 10_000;

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

    Outcome run(LoadCpe cpe, String trigger, BlockingHttpConnection http) {
        Session s = new Session(cpe, http);
        try {
            Outcome outcome = s.run(trigger);
            if (reuseNonce) {
                cpe.auth(outcome.ok() ? s.auth : null); // a failed session starts the next afresh
            }
            return outcome;
        } catch (ConnectException e) {
            return Outcome.failed("connect", e.getMessage());
        } catch (SocketTimeoutException e) {
            return Outcome.failed("timeout", "no answer within the time-out");
        } catch (CwmpDecodeException e) {
            return Outcome.failed("decode", e.getMessage());
        } catch (IOException e) {
            return Outcome.failed("closed", e.getMessage());
        } catch (RuntimeException e) {
            return Outcome.failed("internal", e.toString());
        }
    }

    private final class Session {
        private final LoadCpe cpe;
        private final BlockingHttpConnection http;
        private final Map<String, String> cookies = new LinkedHashMap<>(2);
        private HttpAuthClient auth;
        /** The session started with the last session's nonce, unchallenged: a plain 401 may ask for a fresh one. */
        private boolean preemptive;
        private CwmpVersion version;

        Session(LoadCpe cpe, BlockingHttpConnection http) {
            this.cpe = cpe;
            this.http = http;
            this.version = cpe.tree().base().model().defaultCwmpVersion();
            this.auth = reuseNonce && username != null ? cpe.auth() : null;
            this.preemptive = auth != null;
        }

        Outcome run(String trigger) throws IOException, CwmpDecodeException {
            List<EventStruct> events = cpe.events(trigger);
            String supported = version == CwmpVersion.V1_4 ? ALL_VERSIONS : null;
            byte[] inform = codec.encode(new CwmpEnvelope(version,
                    new CwmpHeader(cpe.nextId(), null, null, null, supported, null), cpe.inform(events)));
            BlockingHttpConnection.Response r = send(inform);
            if (r.status() == 401) {
                return Outcome.failed(auth == null ? "auth_required" : "auth_rejected",
                        auth == null ? "401 without a usable challenge or without credentials" : "credentials rejected");
            }
            if (r.status() != 200) {
                return new Outcome(false, kindOf(r), "HTTP " + r.status() + " to the Inform", r.retryAfterSeconds());
            }
            CwmpEnvelope answer = codec.decode(r.body(), null);
            if (answer.message() instanceof CwmpFault f) {
                return Outcome.failed("fault_" + f.faultCode(), f.faultString());
            }
            if (!(answer.message() instanceof InformResponse)) {
                return Outcome.failed("protocol", answer.message().methodName() + " answering the Inform");
            }
            cpe.informAccepted(events);
            version = answer.version();
            byte[] next = new byte[0];
            for (int i = 0; i < MAX_EXCHANGES; i++) {
                r = send(next);
                if (r.status() == 204 || (r.status() == 200 && r.body().length == 0)) {
                    return Outcome.OK;
                }
                if (r.status() != 200) {
                    return new Outcome(false, kindOf(r), "HTTP " + r.status() + " within the session",
                            r.retryAfterSeconds());
                }
                CwmpEnvelope request = codec.decode(r.body(), null);
                CwmpMessage m = request.message();
                if (!(m instanceof CwmpMessage.AcsRequest)) {
                    return Outcome.failed("protocol", m.methodName() + " instead of a request or the end");
                }
                stats.rpc(m.methodName());
                CwmpMessage response = LoadRpcHandler.answer(cpe, m);
                String id = request.header().id();
                next = codec.encode(new CwmpEnvelope(version,
                        id == null ? CwmpHeader.EMPTY : CwmpHeader.withId(id), response));
            }
            return Outcome.failed("protocol", "more than " + MAX_EXCHANGES + " exchanges");
        }

        /** {@code http_503}, or {@code fault_8005} for an HTTP 500 carrying a CWMP fault (the ACS's Retry request). */
        private String kindOf(BlockingHttpConnection.Response r) {
            if (r.status() == 500 && r.body().length > 0) {
                try {
                    if (codec.decode(r.body(), null).message() instanceof CwmpFault f) {
                        return "fault_" + f.faultCode();
                    }
                } catch (CwmpDecodeException e) {
                    // not a SOAP fault: the status says it all
                }
            }
            return "http_" + r.status();
        }

        private BlockingHttpConnection.Response send(byte[] body) throws IOException {
            BlockingHttpConnection.Response r = timed(body);
            // the first challenge of the session, or a stale nonce (RFC 7616: retry with the new one, as CPEs do)
            // and, for a nonce presented unchallenged, any challenge once (the ACS may have restarted, say)
            if (r.status() == 401 && username != null
                    && (auth == null || preemptive || HttpAuthClient.isStale(r.challenges()))) {
                preemptive = false;
                auth = HttpAuthClient.fromChallenges(r.challenges(), username, password, false);
                if (auth != null) {
                    r = timed(body);
                }
            }
            return r;
        }

        private BlockingHttpConnection.Response timed(byte[] body) throws IOException {
            String cookie = cookieHeader();
            String authorization = auth == null ? null : auth.header("POST", http.path());
            long t0 = System.nanoTime();
            BlockingHttpConnection.Response r = http.post(body, cookie, authorization);
            stats.request(System.nanoTime() - t0, r.status());
            for (String c : r.setCookies()) {
                keep(c);
            }
            return r;
        }

        private void keep(String setCookie) {
            int semi = setCookie.indexOf(';');
            String pair = (semi < 0 ? setCookie : setCookie.substring(0, semi)).trim();
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }

        private String cookieHeader() {
            if (cookies.isEmpty()) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            cookies.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=').append(v));
            return sb.toString();
        }
    }
}
