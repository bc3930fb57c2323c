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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CWMP session of a {@link LoadCpe} as a sequence of HTTP requests, independent of how they travel: the
 * transport sends what {@link #start()} and {@link #onResponse} ask for and hands back each answer, so that the
 * blocking driver (one thread per session in flight) and the asynchronous one (a few event-loop threads for all of
 * them) run the very same session. The sequence: Inform (answering a 401 challenge once, as a CPE does at each
 * session; or, with {@code reuseNonce}, presenting the device's last Digest nonce with the next count unchallenged,
 * and answering a challenge only when the ACS finds that nonce stale or, for a nonce presented unchallenged, any
 * challenge once), the InformResponse, the empty POST, then each request of the ACS answered until its empty answer
 * ends the session. Not thread-safe: one transport drives it, one step at a time.
 */
final class SessionFlow {

    /** What to send next; the Authorization is computed when asked for (each use of a nonce counts). */
    record Request(byte[] body, String cookie, String authorization) {}

    private static final String ALL_VERSIONS = "1.0,1.1,1.2,1.3,1.4";
    private static final int MAX_EXCHANGES = 10_000;
    private static final byte[] EMPTY = new byte[0];

    private final CwmpCodec codec;
    private final LoadStats stats;
    private final String username;
    private final String password;
    private final boolean reuseNonce;
    private final LoadCpe cpe;
    private final String path;
    private final List<EventStruct> events;
    private final Map<String, String> cookies = new LinkedHashMap<>(2);
    private HttpAuthClient auth;
    /** The session started with the last session's nonce, unchallenged: a plain 401 may ask for a fresh one. */
    private boolean preemptive;
    /** The current body was already sent again to answer a challenge: a second 401 to it is an answer. */
    private boolean challengeAnswered;
    private CwmpVersion version;
    private boolean informed;
    private int exchanges;
    private byte[] body;
    private SessionDriver.Outcome outcome;

    SessionFlow(CwmpCodec codec, LoadStats stats, String username, String password, boolean reuseNonce,
                LoadCpe cpe, String trigger, String path) {
        this.codec = codec;
        this.stats = stats;
        this.username = username;
        this.password = password;
        this.reuseNonce = reuseNonce;
        this.cpe = cpe;
        this.path = path;
        this.version = cpe.tree().base().model().defaultCwmpVersion();
        this.auth = reuseNonce && username != null ? cpe.auth() : null;
        this.preemptive = auth != null;
        this.events = cpe.events(trigger);
    }

    /** The Inform. */
    Request start() {
        String supported = version == CwmpVersion.V1_4 ? ALL_VERSIONS : null;
        body = codec.encode(new CwmpEnvelope(version,
                new CwmpHeader(cpe.nextId(), null, null, null, supported, null), cpe.inform(events)));
        return request();
    }

    /**
     * The ACS's answer to the last request: returns the next request, or null when the session is over (then
     * {@link #outcome()} says how). A decode failure ends the session as {@code decode}.
     */
    Request onResponse(BlockingHttpConnection.Response r) {
        try {
            return next(r);
        } catch (CwmpDecodeException e) {
            return end(SessionDriver.Outcome.failed("decode", e.getMessage()));
        } catch (RuntimeException e) {
            return end(SessionDriver.Outcome.failed("internal", e.toString()));
        }
    }

    /** The transport failed (connect, time-out, closed): the session ends so. */
    void failed(SessionDriver.Outcome o) {
        end(o);
    }

    SessionDriver.Outcome outcome() {
        return outcome;
    }

    private Request next(BlockingHttpConnection.Response r) throws CwmpDecodeException {
        for (String c : r.setCookies()) {
            keep(c);
        }
        // the first challenge of the session, or a stale nonce (RFC 7616: retry with the new one, as CPEs do)
        // and, for a nonce presented unchallenged, any challenge once (the ACS may have restarted, say)
        if (r.status() == 401 && username != null && !challengeAnswered
                && (auth == null || preemptive || HttpAuthClient.isStale(r.challenges()))) {
            preemptive = false;
            HttpAuthClient answer = HttpAuthClient.fromChallenges(r.challenges(), username, password, false);
            if (answer != null) {
                auth = answer;
                challengeAnswered = true;
                return request(); // the same body again, answering the challenge
            }
            auth = null;
        }
        if (!informed) {
            if (r.status() == 401) {
                return end(SessionDriver.Outcome.failed(auth == null ? "auth_required" : "auth_rejected",
                        auth == null ? "401 without a usable challenge or without credentials" : "credentials rejected"));
            }
            if (r.status() != 200) {
                return end(new SessionDriver.Outcome(false, kindOf(r), "HTTP " + r.status() + " to the Inform",
                        r.retryAfterSeconds()));
            }
            CwmpEnvelope answer = codec.decode(r.body(), null);
            if (answer.message() instanceof CwmpFault f) {
                return end(SessionDriver.Outcome.failed("fault_" + f.faultCode(), f.faultString()));
            }
            if (!(answer.message() instanceof InformResponse)) {
                return end(SessionDriver.Outcome.failed("protocol", answer.message().methodName() + " answering the Inform"));
            }
            cpe.informAccepted(events);
            version = answer.version();
            informed = true;
            return send(EMPTY);
        }
        if (r.status() == 204 || (r.status() == 200 && r.body().length == 0)) {
            return end(SessionDriver.Outcome.OK);
        }
        if (r.status() != 200) {
            return end(new SessionDriver.Outcome(false, kindOf(r), "HTTP " + r.status() + " within the session",
                    r.retryAfterSeconds()));
        }
        CwmpEnvelope request = codec.decode(r.body(), null);
        CwmpMessage m = request.message();
        if (!(m instanceof CwmpMessage.AcsRequest)) {
            return end(SessionDriver.Outcome.failed("protocol", m.methodName() + " instead of a request or the end"));
        }
        if (++exchanges > MAX_EXCHANGES) {
            return end(SessionDriver.Outcome.failed("protocol", "more than " + MAX_EXCHANGES + " exchanges"));
        }
        stats.rpc(m.methodName());
        CwmpMessage response = LoadRpcHandler.answer(cpe, m);
        String id = request.header().id();
        return send(codec.encode(new CwmpEnvelope(version, id == null ? CwmpHeader.EMPTY : CwmpHeader.withId(id),
                response)));
    }

    private Request end(SessionDriver.Outcome o) {
        outcome = o;
        if (reuseNonce) {
            cpe.auth(o.ok() ? auth : null); // a failed session starts the next afresh
        }
        return null;
    }

    private Request send(byte[] next) {
        body = next;
        challengeAnswered = false;
        return request();
    }

    private Request request() {
        return new Request(body, cookieHeader(), auth == null ? null : auth.header("POST", path));
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
