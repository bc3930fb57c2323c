package io.lodestar.acs.sim.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.codec.CwmpDecodeException;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.TransferComplete;
import io.lodestar.acs.core.rpc.TransferCompleteResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A small scripted ACS on 127.0.0.1 (JDK HttpServer): answers Inform with InformResponse and a session cookie,
 * TransferComplete with its response, then sends the scripted requests one by one after the CPE's empty POST,
 * and ends the session with 204. Records every exchange.
 */
public final class FakeAcs implements AutoCloseable {

    public static final String COOKIE = "LODESTAR_SESSION";

    /** One HTTP request the ACS received. */
    public record Exchange(int clientPort, String cookie, String connection, String authorization, String cpeMethod,
                    CwmpEnvelope envelope, String sessionId) {}

    /** One session as the ACS saw it. */
    public static final class Session {
        public final String id;
        public final Inform inform;
        public final CwmpEnvelope informEnvelope;
        final Deque<CwmpMessage> queue;
        public final List<CwmpEnvelope> answers = Collections.synchronizedList(new ArrayList<>());
        public final List<String> sentIds = Collections.synchronizedList(new ArrayList<>());
        public final List<TransferComplete> transfers = Collections.synchronizedList(new ArrayList<>());
        public volatile boolean ended;

        Session(String id, CwmpEnvelope informEnvelope, List<? extends CwmpMessage> script) {
            this.id = id;
            this.informEnvelope = informEnvelope;
            this.inform = (Inform) informEnvelope.message();
            this.queue = new ArrayDeque<>(script);
        }
    }

    /** What to do with an Inform instead of accepting it: an HTTP status and an optional body. */
    public record Refusal(int status, CwmpMessage body) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final CwmpCodec codec = CwmpCodec.standard();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<Session> sessionOrder = Collections.synchronizedList(new ArrayList<>());
    private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Function<Inform, List<? extends CwmpMessage>> script = i -> List.of();
    private volatile Refusal refusal;
    private volatile String basicCredentials;
    private volatile String digestUser;
    private volatile int usesPerNonce;
    /** Digest nonces issued, with how many requests each authorized. */
    private final Map<String, AtomicInteger> nonces = new ConcurrentHashMap<>();
    private volatile String setCookieFormat = COOKIE + "=%s; Version=1; Path=/";

    public FakeAcs() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/acs", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/acs");
    }

    public FakeAcs script(Function<Inform, List<? extends CwmpMessage>> s) {
        this.script = s;
        return this;
    }

    /** Messages to send one by one after the CPE's empty POST: ACS requests, or anything else to test errors. */
    public FakeAcs script(CwmpMessage... requests) {
        List<CwmpMessage> list = List.of(requests);
        return script(i -> list);
    }

    public FakeAcs refuseInforms(Refusal r) {
        this.refusal = r;
        return this;
    }

    public FakeAcs requireBasic(String user, String password) {
        this.basicCredentials = "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
        return this;
    }

    /**
     * Digest (MD5, qop=auth) for every request: a request without a known nonce gets a 401 with a fresh one; a nonce
     * that authorized {@code usesPerNonce} requests is stale (401 with {@code stale=true} and a new nonce). Checks the
     * user, the nonce and that the count grows; not the response hash (acs-http-auth's tests do).
     */
    public FakeAcs requireDigest(String user, int usesPerNonce) {
        this.digestUser = user;
        this.usesPerNonce = usesPerNonce;
        return this;
    }

    private boolean digestAccepted(HttpExchange ex, String authorization, int port, String cookie, String connection) {
        if (digestUser == null) {
            return true;
        }
        String nonce = null;
        boolean stale = false;
        if (authorization != null && authorization.startsWith("Digest ")) {
            java.util.Map<String, String> p = io.lodestar.acs.httpauth.AuthParams.paramsOf(authorization);
            AtomicInteger uses = nonces.get(p.get("nonce"));
            if (uses != null && digestUser.equals(p.get("username"))
                    && Integer.parseInt(p.get("nc"), 16) == uses.get() + 1) {
                if (uses.get() < usesPerNonce) {
                    uses.incrementAndGet();
                    return true;
                }
                stale = true;
            }
        }
        nonce = UUID.randomUUID().toString().replace("-", "");
        nonces.put(nonce, new AtomicInteger());
        exchanges.add(new Exchange(port, cookie, connection, authorization, stale ? "(stale)" : "(unauthorized)", null, null));
        ex.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"lodestar\", qop=\"auth\", nonce=\"" + nonce
                + "\", algorithm=MD5" + (stale ? ", stale=true" : ""));
        try {
            ex.sendResponseHeaders(401, -1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return false;
    }

    public FakeAcs setCookieFormat(String format) {
        this.setCookieFormat = format;
        return this;
    }

    public List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    public List<Session> sessions() {
        synchronized (sessionOrder) {
            return List.copyOf(sessionOrder);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String cookie = ex.getRequestHeaders().getFirst("Cookie");
            String authorization = ex.getRequestHeaders().getFirst("Authorization");
            int port = ex.getRemoteAddress().getPort();
            String connection = ex.getRequestHeaders().getFirst("Connection");
            if (basicCredentials != null && !basicCredentials.equals(authorization)) {
                exchanges.add(new Exchange(port, cookie, connection, authorization, "(unauthorized)", null, null));
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"lodestar\"");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            if (!digestAccepted(ex, authorization, port, cookie, connection)) {
                return;
            }
            Session session = sessionOf(cookie);
            if (body.length == 0) {
                exchanges.add(new Exchange(port, cookie, connection, authorization, "(empty)", null, session == null ? null : session.id));
                if (session == null) {
                    ex.sendResponseHeaders(400, -1);
                    return;
                }
                next(session, ex);
                return;
            }
            CwmpEnvelope env;
            try {
                env = codec.decode(body);
            } catch (CwmpDecodeException e) {
                ex.sendResponseHeaders(400, -1);
                return;
            }
            CwmpMessage m = env.message();
            if (m instanceof Inform inform) {
                Refusal r = refusal;
                if (r != null) {
                    exchanges.add(new Exchange(port, cookie, connection, authorization, "Inform", env, null));
                    if (r.body() == null) {
                        ex.sendResponseHeaders(r.status(), -1);
                    } else {
                        reply(ex, r.status(), new CwmpEnvelope(env.version(), CwmpHeader.withId(env.header().id()), r.body()));
                    }
                    return;
                }
                Session s = new Session(UUID.randomUUID().toString(), env, script.apply(inform));
                sessions.put(s.id, s);
                sessionOrder.add(s);
                exchanges.add(new Exchange(port, cookie, connection, authorization, "Inform", env, s.id));
                ex.getResponseHeaders().add("Set-Cookie", String.format(setCookieFormat, s.id));
                reply(ex, 200, new CwmpEnvelope(env.version(), CwmpHeader.withId(env.header().id()), new InformResponse(1)));
                return;
            }
            exchanges.add(new Exchange(port, cookie, connection, authorization, m.methodName(), env, session == null ? null : session.id));
            if (session == null) {
                ex.sendResponseHeaders(400, -1);
                return;
            }
            if (m instanceof TransferComplete tc) {
                session.transfers.add(tc);
                reply(ex, 200, new CwmpEnvelope(env.version(), CwmpHeader.withId(env.header().id()), new TransferCompleteResponse()));
                return;
            }
            session.answers.add(env);
            next(session, ex);
        } catch (RuntimeException e) {
            e.printStackTrace();
            ex.sendResponseHeaders(500, -1);
        }
    }

    private Session sessionOf(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (String part : cookieHeader.split(";")) {
            String p = part.trim();
            if (p.startsWith(COOKIE + "=")) {
                String v = p.substring(COOKIE.length() + 1).replace("\"", "");
                return sessions.get(v);
            }
        }
        return null;
    }

    private void next(Session s, HttpExchange ex) throws IOException {
        CwmpMessage request = s.queue.poll();
        if (request == null) {
            s.ended = true;
            ex.sendResponseHeaders(204, -1);
            return;
        }
        String id = "acs-" + ids.incrementAndGet();
        s.sentIds.add(id);
        reply(ex, 200, new CwmpEnvelope(s.informEnvelope.version(), CwmpHeader.withId(id), request));
    }

    private void reply(HttpExchange ex, int status, CwmpEnvelope env) throws IOException {
        byte[] out = codec.encode(env);
        ex.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    public static CwmpFault acsFault(int code, String text) {
        return CwmpFault.acs(code, text);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
