package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.codec.CwmpCodec;
import io.lodestar.acs.codec.CwmpDecodeException;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.cwmp.auth.AuthenticationOutcome;
import io.lodestar.acs.cwmp.auth.CpeCredentials;
import io.lodestar.acs.cwmp.session.CpeReply;
import io.lodestar.acs.cwmp.session.LiveSession;
import io.lodestar.acs.cwmp.session.SessionRegistry;
import io.lodestar.acs.cwmp.session.SessionService;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one aggregated HTTP POST into one call of the {@link SessionService} and its reply into HTTP.
 * The session is found by its cookie or, for CPEs that return no cookie, by the connection it began on.
 * Before a session opens, its Inform is checked against the endpoint's bounds (DeviceId field lengths, parameter
 * count) and put to {@link Admission}; a session's requests together stay under the per-session byte bound.
 * Runs on a worker executor, not an event loop, because sessions block on the store.
 */
@ChannelHandler.Sharable
final class CwmpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String COOKIE_NAME = "LodestarSession";
    private static final AttributeKey<LiveSession> SESSION = AttributeKey.valueOf("lodestar.cwmp.session");
    private static final Logger LOG = LoggerFactory.getLogger(CwmpRequestHandler.class);

    /** TR-069's longest DeviceId field (ProductClass, SerialNumber, Manufacturer: string(64)). */
    static final int MAX_DEVICE_ID_FIELD = 64;

    private final CwmpCodec codec;
    private final SessionService sessions;
    private final SessionRegistry registry;
    private final EndpointLimits limits;
    private final Admission admission;
    private final RepliesInFlight replies = new RepliesInFlight();
    private final RetryAfter retryAfter;
    private final SessionPeerCheck peers;
    private volatile io.lodestar.acs.cwmp.auth.TaskSecrets secrets;
    private volatile WakesPending wakes = WakesPending.NONE;
    /** Told of every new session turned away with 503 (metrics); must not throw or block. */
    private volatile java.util.function.Consumer<ShedReason> shedObserver = reason -> { };

    CwmpRequestHandler(CwmpCodec codec, SessionService sessions, SessionRegistry registry) {
        this(codec, sessions, registry, EndpointLimits.defaults());
    }

    CwmpRequestHandler(CwmpCodec codec, SessionService sessions, SessionRegistry registry, EndpointLimits limits) {
        this(codec, sessions, registry, limits, io.lodestar.acs.cwmp.auth.AllowAll.INSTANCE);
    }

    /** @param authenticator the one the sessions use: a session's cookie on an unproven connection is checked again */
    CwmpRequestHandler(CwmpCodec codec, SessionService sessions, SessionRegistry registry, EndpointLimits limits,
                       io.lodestar.acs.cwmp.auth.CpeAuthenticator authenticator) {
        this.peers = new SessionPeerCheck(authenticator);
        this.codec = codec;
        this.sessions = sessions;
        this.registry = registry;
        this.limits = limits;
        this.admission = new Admission(limits, registry::size, new WakesPending() {
            @Override
            public boolean pendingFor(Inform inform) {
                return wakes.pendingFor(inform);
            }

            @Override
            public boolean any() {
                return wakes.any();
            }
        });
        this.retryAfter = new RetryAfter(limits.retryAfterMin(), limits.retryAfterMax());
    }

    /** Opens sealed references in outgoing SetParameterValues (see {@link io.lodestar.acs.cwmp.auth.TaskSecrets}). */
    void taskSecrets(io.lodestar.acs.cwmp.auth.TaskSecrets secrets) {
        this.secrets = secrets;
    }

    /** The devices a connection request is under way for: their Informs are admitted like connection requests. */
    void wakesPending(WakesPending pending) {
        this.wakes = java.util.Objects.requireNonNull(pending);
    }

    void onShed(java.util.function.Consumer<ShedReason> observer) {
        this.shedObserver = java.util.Objects.requireNonNull(observer);
    }

    /** Tells the observer of a new session turned away (also by the buffered-bytes bound, before this handler). */
    void shed(ShedReason reason) {
        try {
            shedObserver.accept(reason);
        } catch (RuntimeException e) {
            LOG.warn("the shed observer failed: {}", LogSafe.text(String.valueOf(e)));
        }
    }

    Admission admission() {
        return admission;
    }

    /** The requests taken and not yet answered on the wire: what a graceful stop waits for besides the sessions. */
    RepliesInFlight replies() {
        return replies;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        handle(ctx, request);
    }

    /**
     * The lane a request waits in for a worker (on the I/O thread, before it is decoded): a session an operator
     * waits on, another session in progress, or a new session; a new one whose bytes name {@code 6 CONNECTION
     * REQUEST} or {@code 7 TRANSFER COMPLETE} goes with the first (a guess for ordering only: admission judges the
     * decoded Inform).
     */
    SessionLanes.Lane laneOf(ChannelHandlerContext ctx, FullHttpRequest request) {
        LiveSession current = currentSession(ctx, request);
        if (current != null) {
            return current.isPreferred() ? SessionLanes.Lane.PREFERRED : SessionLanes.Lane.IN_SESSION;
        }
        return namesPreferredEvent(request) ? SessionLanes.Lane.PREFERRED : SessionLanes.Lane.NEW;
    }

    private static boolean namesPreferredEvent(FullHttpRequest request) {
        return PreferredEventScan.namesPreferredEvent(request.content());
    }

    /**
     * On the I/O thread, for a request of the {@link SessionLanes.Lane#NEW} lane: answers 503 with Retry-After at
     * once, and returns true, when admission control would refuse it whatever its Inform says.
     */
    boolean shedUnread(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess() || !HttpMethod.POST.equals(request.method())) {
            return false;
        }
        Optional<Admission.Shed> busy = admission.shedUnread(false);
        if (busy.isEmpty()) {
            return false;
        }
        shed(busy.get().reason());
        FullHttpResponse refusal = HttpReplies.text(HttpResponseStatus.SERVICE_UNAVAILABLE, busy.get().text());
        refusal.headers().setInt(HttpHeaderNames.RETRY_AFTER, retryAfter.seconds());
        send(ctx, refusal, HttpUtil.isKeepAlive(request));
        return true;
    }

    /** Answers one request (on a worker thread: sessions block on the store). */
    void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            send(ctx, HttpReplies.text(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"), false);
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            FullHttpResponse refusal = HttpReplies.text(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "the CWMP endpoint takes POST only");
            refusal.headers().set(HttpHeaderNames.ALLOW, "POST");
            send(ctx, refusal, keepAlive);
            return;
        }
        LiveSession current = currentSession(ctx, request);
        if (!ctx.channel().isActive()) {
            // the CPE gave up waiting (it closed the connection) before its request was taken: it will start over
            // with a new Inform, which must not find this session still in progress (fault 8005)
            if (current != null) {
                sessions.end(current, "the CPE closed its connection while its request waited");
            }
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        CwmpEnvelope envelope = null;
        if (!isBlank(body)) {
            try {
                envelope = codec.decode(body, charsetOf(request));
            } catch (CwmpDecodeException e) {
                refuseUndecodable(ctx, e, current, keepAlive);
                return;
            }
        }
        if (envelope != null && envelope.message() instanceof Inform inform) {
            FullHttpResponse refusal = refuseInform(envelope, inform, current);
            if (refusal != null) {
                send(ctx, refusal, keepAlive);
                return;
            }
        } else if (current != null && ctx.channel().attr(SESSION).get() != current) {
            // the session was reached by its cookie from a connection not (yet) proven to be the device's
            FullHttpResponse refusal = provePeer(ctx, request, envelope, current);
            if (refusal != null) {
                send(ctx, refusal, keepAlive);
                return;
            }
        }
        if (current != null && !(envelope != null && envelope.message() instanceof Inform)
                && !withinSessionBound(current, body.length)) {
            sessions.end(current, "resources exceeded: the session sent more than " + limits.maxSessionBytes()
                    + " bytes");
            CwmpFault fault = CwmpFault.acs(CwmpFault.RESOURCES_EXCEEDED, "Resources exceeded: the session sent more "
                    + "than " + limits.maxSessionBytes() + " bytes");
            send(ctx, soapFault(envelope, current.engine().version(), fault), keepAlive);
            return;
        }
        long started = System.nanoTime();
        CpeReply reply = sessions.handle(current, envelope, remoteAddress(ctx), credentialsOf(ctx, request));
        if (reply instanceof CpeReply.Message message && message.newSession()) {
            admission.opened(Duration.ofNanos(System.nanoTime() - started));
            peers.opened(message.session(), (Inform) envelope.message());
            withinSessionBound(message.session(), body.length);
            if (admission.prefers((Inform) envelope.message())) {
                message.session().prefer();
            }
        }
        if (!ctx.channel().isActive() && reply instanceof CpeReply.Message message && message.session() != null
                && !message.session().isClosed()) {
            // the CPE gave up while its request was handled: the reply has nowhere to go, the session is over
            sessions.end(message.session(), "the CPE closed its connection before the reply");
            return;
        }
        send(ctx, toHttp(ctx, reply), keepAlive);
    }

    /**
     * The answer to an Inform that may not open a session, or null when it may: a DeviceId field longer than
     * TR-069 allows (8003), more parameters than the bound (8004), or no room now (503 with Retry-After).
     */
    private FullHttpResponse refuseInform(CwmpEnvelope envelope, Inform inform, LiveSession current) {
        DeviceIdStruct id = inform.deviceId();
        String tooLong = id.oui().length() > MAX_DEVICE_ID_FIELD ? "OUI"
                : id.productClass().length() > MAX_DEVICE_ID_FIELD ? "ProductClass"
                : id.serialNumber().length() > MAX_DEVICE_ID_FIELD ? "SerialNumber"
                : id.manufacturer().length() > MAX_DEVICE_ID_FIELD ? "Manufacturer" : null;
        if (tooLong != null) {
            return soapFault(envelope, envelope.version(), CwmpFault.acs(CwmpFault.INVALID_ARGUMENTS,
                    "Invalid arguments: the DeviceId's " + tooLong + " is longer than " + MAX_DEVICE_ID_FIELD
                            + " characters"));
        }
        if (inform.parameterList().size() > limits.maxInformParameters()) {
            LOG.info("Inform of {} parameters refused (more than {})", inform.parameterList().size(),
                    limits.maxInformParameters());
            return soapFault(envelope, envelope.version(), CwmpFault.acs(CwmpFault.RESOURCES_EXCEEDED,
                    "Resources exceeded: an Inform carries at most " + limits.maxInformParameters() + " parameters"));
        }
        if (current != null) {
            return null; // the CPE starts over within its own session: it already holds a place
        }
        Optional<Admission.Shed> busy = admission.shed(inform);
        if (busy.isPresent()) {
            shed(busy.get().reason());
            FullHttpResponse refusal = HttpReplies.text(HttpResponseStatus.SERVICE_UNAVAILABLE, busy.get().text());
            refusal.headers().setInt(HttpHeaderNames.RETRY_AFTER, retryAfter.seconds());
            return refusal;
        }
        return null;
    }

    /**
     * Null when the request may drive {@code session}: it proved to come from the device (the credentials its Inform
     * was authenticated with); else the answer: 401 with challenges, or the authenticator's fault. The session is
     * not touched either way.
     */
    private FullHttpResponse provePeer(ChannelHandlerContext ctx, FullHttpRequest request, CwmpEnvelope envelope,
                                       LiveSession session) {
        AuthenticationOutcome outcome;
        try {
            outcome = peers.check(session, remoteAddress(ctx), credentialsOf(ctx, request));
        } catch (io.lodestar.acs.store.StoreUnavailableException e) {
            FullHttpResponse busy = HttpReplies.text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "the device store is unavailable: retry later");
            busy.headers().setInt(HttpHeaderNames.RETRY_AFTER, retryAfter.seconds());
            return busy;
        }
        if (outcome instanceof AuthenticationOutcome.Accepted) {
            return null;
        }
        LOG.warn("a request from {} named the session of {} by its cookie without proving to be the device: refused",
                remoteAddress(ctx), LogSafe.text(session.deviceId().value()));
        if (outcome instanceof AuthenticationOutcome.Challenged challenged) {
            FullHttpResponse response = HttpReplies.text(HttpResponseStatus.UNAUTHORIZED,
                    "the session's CPE must authenticate on this connection");
            for (String challenge : challenged.wwwAuthenticate()) {
                response.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
            }
            return response;
        }
        return soapFault(envelope, session.engine().version(), ((AuthenticationOutcome.Refused) outcome).fault());
    }

    /** Counts a request's bytes against its session's bound; false once the session has sent too much. */
    private boolean withinSessionBound(LiveSession session, long bytes) {
        if (session == null) {
            return true;
        }
        return session.received(bytes) <= limits.maxSessionBytes(); // kept with the session: no lock shared by all
    }

    private FullHttpResponse soapFault(CwmpEnvelope request, CwmpVersion version, CwmpFault fault) {
        CwmpHeader header = request == null ? CwmpHeader.EMPTY : CwmpHeader.withId(request.header().id());
        return HttpReplies.soap(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                codec.encode(new CwmpEnvelope(version, header, fault)));
    }

    private LiveSession currentSession(ChannelHandlerContext ctx, FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.COOKIE);
        if (header != null) {
            for (Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
                if (COOKIE_NAME.equals(cookie.name())) {
                    LiveSession byCookie = registry.byCookie(cookie.value()).orElse(null);
                    if (byCookie != null) {
                        return byCookie;
                    }
                }
            }
        }
        LiveSession onConnection = ctx.channel().attr(SESSION).get();
        return onConnection == null || onConnection.isClosed() ? null : onConnection;
    }

    /** The Authorization header, whether over TLS, the request-target and the client's certificate chain. */
    private static CpeCredentials credentialsOf(ChannelHandlerContext ctx, FullHttpRequest request) {
        return new CpeCredentials(request.headers().get(HttpHeaderNames.AUTHORIZATION), clientCertificates(ctx),
                ctx.pipeline().get(SslHandler.class) != null, request.uri());
    }

    private static List<X509Certificate> clientCertificates(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) {
            return List.of();
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate certificate : tls.engine().getSession().getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            return List.of(); // the CPE presented no certificate
        }
        return chain;
    }

    private FullHttpResponse toHttp(ChannelHandlerContext ctx, CpeReply reply) {
        if (reply instanceof CpeReply.Message message) {
            boolean isFault = message.envelope().message() instanceof CwmpFault;
            CwmpEnvelope outgoing = message.envelope();
            if (secrets != null && message.session() != null) {
                try {
                    outgoing = secrets.openIn(outgoing, message.session().deviceId());
                } catch (IllegalStateException e) {
                    // never send a sealed reference as a password: the device would lock itself out with it
                    LOG.error("a sealed value of a task of {} does not open ({}): its session ends unsent",
                            LogSafe.text(message.session().deviceId().value()), LogSafe.text(e.getMessage()));
                    sessions.end(message.session(), "a sealed task value does not open with this ACS's key");
                    FullHttpResponse busy = HttpReplies.text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                            "the ACS cannot send this device's pending request: retry later");
                    busy.headers().setInt(HttpHeaderNames.RETRY_AFTER, retryAfter.seconds());
                    return busy;
                }
            }
            FullHttpResponse response = HttpReplies.soap(
                    isFault ? HttpResponseStatus.INTERNAL_SERVER_ERROR : HttpResponseStatus.OK,
                    codec.encode(outgoing));
            if (message.session() != null) {
                ctx.channel().attr(SESSION).set(message.session());
                if (message.newSession()) {
                    DefaultCookie cookie = new DefaultCookie(COOKIE_NAME, message.session().id());
                    cookie.setPath("/");
                    cookie.setHttpOnly(true);
                    response.headers().set(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.LAX.encode(cookie));
                }
            }
            return response;
        }
        if (reply instanceof CpeReply.SessionEnded) {
            ctx.channel().attr(SESSION).set(null);
            return HttpReplies.noContent();
        }
        if (reply instanceof CpeReply.Unauthorized unauthorized) {
            FullHttpResponse response = HttpReplies.text(HttpResponseStatus.UNAUTHORIZED, unauthorized.reason());
            for (String challenge : unauthorized.wwwAuthenticate()) {
                response.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
            }
            return response;
        }
        CpeReply.HttpError error = (CpeReply.HttpError) reply;
        FullHttpResponse response = HttpReplies.text(HttpResponseStatus.valueOf(error.status()), error.reason());
        if (error.retryAfterSeconds() != null) {
            response.headers().setInt(HttpHeaderNames.RETRY_AFTER, error.retryAfterSeconds());
        }
        return response;
    }

    private void refuseUndecodable(ChannelHandlerContext ctx, CwmpDecodeException e, LiveSession current,
                                   boolean keepAlive) {
        LOG.info("undecodable CWMP message from {}: {}", remoteAddress(ctx), LogSafe.text(e.getMessage()));
        if (!e.isSoap()) {
            send(ctx, HttpReplies.text(HttpResponseStatus.BAD_REQUEST,
                    "not a CWMP SOAP envelope: " + LogSafe.text(e.getMessage())), keepAlive);
            return;
        }
        CwmpVersion version = current == null ? CwmpVersion.V1_0 : current.engine().version();
        CwmpFault fault = CwmpFault.acs(CwmpFault.INVALID_ARGUMENTS, "Invalid arguments: " + e.getMessage());
        byte[] body = codec.encode(new CwmpEnvelope(version, CwmpHeader.withId(e.cwmpId()), fault));
        send(ctx, HttpReplies.soap(HttpResponseStatus.INTERNAL_SERVER_ERROR, body), keepAlive);
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String charsetOf(FullHttpRequest request) {
        Charset charset = HttpUtil.getCharset(request, null);
        return charset == null ? null : charset.name();
    }

    private static String remoteAddress(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            // the framing or the content coding was broken (a bad gzip stream, a bad chunk): the sender's fault
            LOG.info("bad HTTP request from {}: {}", remoteAddress(ctx), LogSafe.text(String.valueOf(cause)));
            if (ctx.channel().isActive()) {
                send(ctx, HttpReplies.text(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"), false);
            }
            return;
        }
        LOG.warn("CWMP connection from {} failed: {}", remoteAddress(ctx), LogSafe.text(String.valueOf(cause)));
        if (ctx.channel().isActive()) {
            // not a 500: to a CPE that is a SOAP fault's status, yet this one carries none; 503 tells it when to retry
            FullHttpResponse busy = HttpReplies.text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "the ACS could not handle this request: retry later");
            busy.headers().setInt(HttpHeaderNames.RETRY_AFTER, retryAfter.seconds());
            send(ctx, busy, false);
        }
    }
}
