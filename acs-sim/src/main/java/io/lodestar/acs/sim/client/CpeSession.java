package io.lodestar.acs.sim.client;

import io.lodestar.acs.httpauth.HttpAuthClient;

import io.lodestar.acs.codec.CwmpDecodeException;
import io.lodestar.acs.core.rpc.CwmpEnvelope;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.CwmpHeader;
import io.lodestar.acs.core.rpc.CwmpMessage;
import io.lodestar.acs.core.rpc.CwmpVersion;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.rpc.InformResponse;
import io.lodestar.acs.core.rpc.UnknownMethod;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.rpc.CpeFaults;
import io.lodestar.acs.sim.rpc.CpeRpcHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One CWMP session of one simulated CPE, as an asynchronous state machine confined to the CPE's event loop:
 * POST Inform, expect InformResponse; POST TransferCompletes if any; POST empty; answer each ACS request with
 * {@link CpeRpcHandler}; end when the ACS answers with an empty body (204). Any HTTP error, ACS fault,
 * undecodable message, closed connection or timeout ends the session as failed.
 */
final class CpeSession {

    private static final Logger log = LoggerFactory.getLogger(CpeSession.class);
    private static final int MAX_RESPONSE = 32 * 1024 * 1024;
    private static final String ALL_VERSIONS = "1.0,1.1,1.2,1.3,1.4";

    private enum State { INFORM, CPE_REQUEST, ACS, DONE }

    private final SimulatedCpe cpe;
    private final CpeRpcHandler handler;
    private final List<EventStruct> explicitEvents;
    private final String trigger;
    private final CompletableFuture<SessionReport> result;
    private final CookieJar cookies = new CookieJar();
    private final List<String> rpcMethods = new ArrayList<>();
    private final List<String> cpeRequests = new ArrayList<>();
    private final List<Integer> statuses = new ArrayList<>();
    private final Deque<CwmpMessage.CpeRequest> toSend = new ArrayDeque<>();
    private final String path;
    private final String hostHeader;
    private final long timeoutNanos;

    private State state = State.INFORM;
    private CwmpVersion version;
    private List<EventStruct> events = List.of();
    private Inform inform;
    private CwmpMessage.CpeRequest outstanding;
    private String lastAnswer = "";
    private Channel channel;
    private boolean channelReused;
    private boolean staleRetried;
    private boolean awaiting;
    private byte[] body = new byte[0];
    private boolean authRetried;
    private HttpAuthClient auth;
    private ScheduledFuture<?> timer;
    private int connections;
    private long startNanos;

    /**
     * @param explicitEvents the Inform's events; null: the pending ones
     * @param trigger        with null events, the event that starts this session instead of 2 PERIODIC (or null)
     */
    CpeSession(SimulatedCpe cpe, List<EventStruct> explicitEvents, String trigger, CompletableFuture<SessionReport> result) {
        this.cpe = cpe;
        this.handler = cpe.handler();
        this.explicitEvents = explicitEvents;
        this.trigger = trigger;
        this.result = result;
        // the last session's nonce, presented unchallenged with the next count (a 401 then asks afresh)
        HttpAuthClient last = cpe.options().challengeEverySession() ? null : cpe.lastDigest();
        String[] credentials = last == null ? null : credentials(cpe);
        this.auth = credentials == null || credentials[0].isEmpty() ? null
                : last.withCredentials(credentials[0], credentials[1]);
        URI url = cpe.acsUrl();
        String p = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        this.path = url.getRawQuery() == null ? p : p + "?" + url.getRawQuery();
        this.hostHeader = url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
        this.timeoutNanos = cpe.options().timeout().toNanos();
    }

    // ------------------------------------------------------------------ start and end

    void start() {
        startNanos = System.nanoTime();
        if (cpe.simulator().isClosed()) {
            fail("simulator closed");
            return;
        }
        cpe.simulator().started(this);
        version = cpe.cwmpVersion();
        byte[] first;
        try {
            events = explicitEvents != null ? explicitEvents : handler.pendingEvents(trigger);
            DataModel model = cpe.model();
            String crUrl = cpe.connectionRequestUrl() != null ? cpe.connectionRequestUrl()
                    : cpe.options().connectionRequestUrl();
            if (crUrl != null && model.contains(model.connectionRequestUrlPath())) {
                model.set(model.connectionRequestUrlPath(), crUrl);
            }
            inform = handler.inform(events, cpe.retryCount());
            String supported = cpe.options().supportedCwmpVersions();
            if (supported == null && version == CwmpVersion.V1_4) {
                supported = ALL_VERSIONS;
            }
            first = encode(new CwmpHeader(cpe.nextId(), null, null, null, supported, null), inform);
        } catch (RuntimeException e) {
            log.warn("{}: cannot build the Inform", cpe, e);
            fail("cannot build the Inform: " + e);
            return;
        }
        log.debug("{}: Inform {}", cpe, events);
        send(first);
    }

    /** From another thread (the simulator closing): fail the session on its loop, or right here. */
    void abort(String reason) {
        try {
            cpe.loop().execute(() -> fail(reason));
        } catch (RejectedExecutionException e) {
            forceFail(reason);
        }
    }

    /** Completes the future when the loop is gone (no-op when the session has ended). */
    void forceFail(String reason) {
        result.complete(report(false, reason));
    }

    private void fail(String reason) {
        finish(false, reason);
    }

    private void finish(boolean ok, String reason) {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        cancelTimer();
        closeChannel();
        try {
            handler.endSession();
        } catch (RuntimeException e) {
            log.warn("{}: after-session actions failed", cpe, e);
        }
        cpe.lastDigest(ok && auth != null && auth.isDigest() && !cpe.options().challengeEverySession() ? auth : null);
        cpe.sessionEnded(ok);
        cpe.simulator().ended(this);
        if (!ok) {
            log.debug("{}: session failed: {}", cpe, reason);
        }
        result.complete(report(ok, reason));
    }

    private SessionReport report(boolean ok, String reason) {
        Duration d = startNanos == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startNanos);
        return new SessionReport(ok, ok ? null : reason, events, rpcMethods, cpeRequests, connections, statuses, d);
    }

    // ------------------------------------------------------------------ HTTP

    private byte[] encode(CwmpHeader header, CwmpMessage message) {
        return cpe.simulator().codec().encode(new CwmpEnvelope(version, header, message));
    }

    private void send(byte[] newBody) {
        body = newBody;
        authRetried = false;
        staleRetried = false;
        transmit();
    }

    private void transmit() {
        if (state == State.DONE) {
            return;
        }
        armTimer();
        awaiting = true;
        if (channel != null && channel.isActive()) {
            channelReused = true;
            write(channel);
            return;
        }
        channelReused = false;
        Bootstrap bootstrap = new Bootstrap()
                .group(cpe.loop())
                .channel(NioSocketChannel.class)
                .resolver(NoopAddressResolverGroup.INSTANCE)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutNanos / 1_000_000))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE),
                                new ResponseHandler());
                    }
                });
        ChannelFuture connect = bootstrap.connect(cpe.address());
        connect.addListener((ChannelFutureListener) f -> {
            if (state == State.DONE) {
                f.channel().close();
                return;
            }
            if (!f.isSuccess()) {
                fail("cannot connect to " + cpe.acsUrl() + ": " + message(f.cause()));
                return;
            }
            connections++;
            channel = f.channel();
            write(channel);
        });
    }

    private void write(Channel ch) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                Unpooled.wrappedBuffer(body));
        HttpHeaders h = request.headers();
        h.set(HttpHeaderNames.HOST, hostHeader);
        h.set(HttpHeaderNames.USER_AGENT, "Lodestar-Sim/0.1");
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (body.length > 0) {
            h.set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=\"utf-8\"");
            h.set("SOAPAction", "\"\"");
        }
        String cookie = cookies.header();
        if (cookie != null) {
            h.set(HttpHeaderNames.COOKIE, cookie);
        }
        if (auth != null) {
            h.set(HttpHeaderNames.AUTHORIZATION, auth.header("POST", path));
        }
        if (cpe.options().reconnectEachMessage()) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ch.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess() && ch == channel && state != State.DONE) {
                if (retryStale()) {
                    return;
                }
                fail("cannot send to " + cpe.acsUrl() + ": " + message(f.cause()));
            }
        });
    }

    /** A kept-alive connection the ACS closed meanwhile: send once more on a new connection. */
    private boolean retryStale() {
        if (channelReused && !staleRetried) {
            staleRetried = true;
            closeChannel();
            transmit();
            return true;
        }
        return false;
    }

    private void closeChannel() {
        Channel c = channel;
        channel = null;
        if (c != null) {
            c.close();
        }
    }

    private void armTimer() {
        cancelTimer();
        timer = cpe.loop().schedule(() -> fail("no response from the ACS within " + cpe.options().timeout()
                + " (waiting for the answer to " + sentWhat() + ")"), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void onResponse(Channel ch, FullHttpResponse response) {
        if (state == State.DONE || ch != channel || !awaiting) {
            return;
        }
        awaiting = false;
        cancelTimer();
        int status = response.status().code();
        statuses.add(status);
        List<String> setCookies = new ArrayList<>(response.headers().getAll(HttpHeaderNames.SET_COOKIE));
        setCookies.addAll(response.headers().getAll("Set-Cookie2"));
        cookies.store(setCookies);
        byte[] content = ByteBufUtil.getBytes(response.content());
        CharSequence cs = HttpUtil.getCharsetAsSequence(response);
        String charset = cs == null ? null : cs.toString().replace("\"", "");
        List<String> challenges = response.headers().getAll(HttpHeaderNames.WWW_AUTHENTICATE);
        if (!HttpUtil.isKeepAlive(response) || cpe.options().reconnectEachMessage()) {
            closeChannel();
        }
        try {
            process(status, content, charset, challenges);
        } catch (RuntimeException e) {
            log.warn("{}: internal error", cpe, e);
            fail("simulator internal error: " + e);
        }
    }

    private void onInactive(Channel ch) {
        if (ch != channel) {
            return;
        }
        channel = null;
        if (state != State.DONE && awaiting) {
            if (retryStale()) {
                return;
            }
            fail("the ACS closed the connection without answering " + sentWhat());
        }
    }

    private void onError(Channel ch, Throwable cause) {
        if (ch != channel) {
            ch.close();
            return;
        }
        fail("connection error: " + message(cause));
    }

    // ------------------------------------------------------------------ CWMP

    private void process(int status, byte[] content, String charset, List<String> challenges) {
        if (status == 401) {
            if (!authRetried && authenticate(challenges)) {
                authRetried = true;
                transmit();
                return;
            }
            fail("HTTP 401 Unauthorized to " + sentWhat() + (authRetried ? " (credentials rejected)"
                    : challenges.isEmpty() ? " (no challenge)" : " (no usable credentials or scheme)"));
            return;
        }
        if (status < 200 || status >= 300) {
            fail("HTTP " + status + " to " + sentWhat() + faultDetail(content, charset));
            return;
        }
        if (isBlank(content)) {
            switch (state) {
                case INFORM -> fail("the ACS answered the Inform with an empty response (HTTP " + status + ")");
                case CPE_REQUEST -> fail("the ACS ended the session without answering " + outstanding.methodName());
                default -> finish(true, null);
            }
            return;
        }
        CwmpEnvelope envelope;
        try {
            envelope = cpe.simulator().codec().decode(content, charset);
        } catch (CwmpDecodeException e) {
            fail("cannot decode the ACS message (HTTP " + status + ") answering " + sentWhat() + ": " + e.getMessage());
            return;
        }
        dispatch(envelope);
    }

    /** The user and password the CPE holds now (the options', else its ManagementServer object's). */
    private static String[] credentials(SimulatedCpe cpe) {
        DataModel model = cpe.model();
        String root = model.root();
        String user = cpe.options().username() != null ? cpe.options().username()
                : model.value(root + "ManagementServer.Username").orElse("");
        String pass = cpe.options().password() != null ? cpe.options().password()
                : model.value(root + "ManagementServer.Password").orElse("");
        return new String[] {user, pass};
    }

    private boolean authenticate(List<String> challenges) {
        String[] credentials = credentials(cpe);
        String user = credentials[0];
        String pass = credentials[1];
        if (user.isEmpty()) {
            return false;
        }
        HttpAuthClient a = HttpAuthClient.fromChallenges(challenges, user, pass);
        if (a == null) {
            return false;
        }
        auth = a;
        return true;
    }

    private void dispatch(CwmpEnvelope envelope) {
        CwmpMessage m = envelope.message();
        boolean hold = Boolean.TRUE.equals(envelope.header().holdRequests());
        switch (state) {
            case INFORM -> {
                if (m instanceof InformResponse) {
                    handler.informAccepted(inform);
                    String use = envelope.header().useCwmpVersion();
                    if (use != null) {
                        CwmpVersion.ofLabel(use).ifPresent(v -> version = v);
                    }
                    toSend.addAll(handler.requestsToSend(inform));
                    next(hold);
                } else if (m instanceof CwmpFault f) {
                    fail("the ACS answered the Inform with fault " + f.faultCode() + " " + f.faultString());
                } else {
                    fail("expected InformResponse, the ACS sent " + m.methodName());
                }
            }
            case CPE_REQUEST -> {
                if (m instanceof CwmpMessage.AcsResponse) {
                    handler.requestAccepted(outstanding);
                    outstanding = null;
                    next(hold);
                } else if (m instanceof CwmpFault f) {
                    fail("the ACS answered " + outstanding.methodName() + " with fault " + f.faultCode() + " " + f.faultString());
                } else {
                    fail("expected the answer to " + outstanding.methodName() + ", the ACS sent " + m.methodName());
                }
            }
            case ACS -> {
                if (m instanceof CwmpMessage.AcsRequest || m instanceof UnknownMethod) {
                    rpcMethods.add(m.methodName());
                    CwmpMessage answer;
                    try {
                        answer = handler.handle(m);
                    } catch (RuntimeException e) {
                        log.warn("{}: {} failed", cpe, m.methodName(), e);
                        answer = CpeFaults.of(CpeFaults.INTERNAL_ERROR, e.toString());
                    }
                    String id = envelope.header().id();
                    lastAnswer = answer.methodName();
                    log.debug("{}: {} -> {}", cpe, m.methodName(), lastAnswer);
                    send(encode(id == null ? CwmpHeader.EMPTY : CwmpHeader.withId(id), answer));
                } else {
                    fail("unexpected " + m.methodName() + " from the ACS");
                }
            }
            default -> {
                // ended meanwhile
            }
        }
    }

    /** The CPE's next request (unless the ACS holds requests), else the empty POST. */
    private void next(boolean hold) {
        if (hold) {
            toSend.clear();
        }
        if (!toSend.isEmpty()) {
            outstanding = toSend.poll();
            cpeRequests.add(outstanding.methodName());
            state = State.CPE_REQUEST;
            send(encode(CwmpHeader.withId(cpe.nextId()), outstanding));
        } else {
            state = State.ACS;
            lastAnswer = "";
            send(new byte[0]);
        }
    }

    private String sentWhat() {
        return switch (state) {
            case INFORM -> "the Inform";
            case CPE_REQUEST -> outstanding == null ? "a request" : outstanding.methodName();
            default -> lastAnswer.isEmpty() ? "the empty POST" : lastAnswer;
        };
    }

    private String faultDetail(byte[] content, String charset) {
        if (isBlank(content)) {
            return "";
        }
        try {
            CwmpMessage m = cpe.simulator().codec().decode(content, charset).message();
            if (m instanceof CwmpFault f) {
                return " with fault " + f.faultCode() + " " + f.faultString();
            }
            return " with " + m.methodName();
        } catch (CwmpDecodeException | RuntimeException e) {
            return "";
        }
    }

    private static boolean isBlank(byte[] content) {
        for (byte b : content) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String message(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Feeds responses and connection events of one connection back into the session. */
    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
            onResponse(ctx.channel(), msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            onInactive(ctx.channel());
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            onError(ctx.channel(), cause);
        }
    }
}
