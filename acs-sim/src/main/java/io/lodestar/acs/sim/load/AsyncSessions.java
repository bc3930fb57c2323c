package io.lodestar.acs.sim.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
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
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the sessions of a load run on a few Netty event-loop threads instead of one thread each: every session is a
 * {@link SessionFlow} driven by the answers as they arrive, so that a thousand sessions in flight cost a thousand
 * small objects and sockets, not a thousand threads (whose scheduling, on the machine the ACS shares, was part of
 * what a paced run measured). Sessions borrow a kept-alive connection from a pool (at most one per session in
 * flight, so the pool is bounded by the run's concurrency) and give it back when they end well; with
 * {@code connectPerSession}, or after a failure, the connection is closed. A request on a kept-alive connection that
 * the server closed meanwhile is sent again once on a new connection, as HTTP clients (and
 * {@link BlockingHttpConnection}) do. Failures are classified as the blocking driver does: {@code connect},
 * {@code timeout}, {@code closed}.
 */
final class AsyncSessions implements AutoCloseable {

    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final AttributeKey<Connection> CONNECTION = AttributeKey.valueOf("lodestar-load-connection");

    private final URI url;
    private final String host;
    private final int port;
    private final String path;
    private final String hostHeader;
    private final int timeoutMillis;
    private final boolean connectPerSession;
    private final LoadStats stats;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    /** Idle kept-alive connections; at most one per session in flight, so bounded by the concurrency. */
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();

    AsyncSessions(URI url, int timeoutMillis, boolean connectPerSession, LoadStats stats, int ioThreads) {
        this.url = url;
        this.host = url.getHost();
        this.port = url.getPort() < 0 ? 80 : url.getPort();
        String p = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        this.path = url.getRawQuery() == null ? p : p + "?" + url.getRawQuery();
        this.hostHeader = host + ":" + port;
        this.timeoutMillis = timeoutMillis;
        this.connectPerSession = connectPerSession;
        this.stats = stats;
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, r -> {
            Thread t = new Thread(r, "load-io");
            t.setDaemon(true);
            return t;
        }, NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.max(1, timeoutMillis))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_BODY_BYTES),
                                new Answers());
                    }
                });
    }

    String path() {
        return path;
    }

    /**
     * Starts a session; {@code done} is told its outcome once, on an event-loop thread (it must not block), with
     * {@link System#nanoTime()} of its end.
     */
    void start(SessionFlow flow, Consumer<Ended> done) {
        Running s = new Running(flow, done);
        SessionFlow.Request first;
        try {
            first = flow.start();
        } catch (RuntimeException e) {
            s.finish(SessionDriver.Outcome.failed("internal", e.toString()));
            return;
        }
        s.send(first, borrow(), false);
    }

    /** A session's end: its outcome and when. */
    record Ended(SessionDriver.Outcome outcome, long endNanos) {}

    private Channel borrow() {
        synchronized (idle) {
            Channel c;
            while ((c = idle.pollFirst()) != null) {
                if (c.isActive()) {
                    return c;
                }
            }
        }
        return null;
    }

    private void giveBack(Channel c) {
        if (connectPerSession || !c.isActive()) {
            c.close();
            return;
        }
        synchronized (idle) {
            idle.addLast(c);
        }
    }

    @Override
    public void close() {
        synchronized (idle) {
            idle.forEach(Channel::close);
            idle.clear();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** What a channel is doing: the session whose request it carries, and how many it carried. */
    private static final class Connection {
        Running session;
        int requests;
    }

    /** One session in flight. Its steps run on its channel's event loop, one at a time. */
    private final class Running {
        private final SessionFlow flow;
        private final Consumer<Ended> done;
        private Channel channel;
        private SessionFlow.Request pending;
        private boolean resent;
        /** The request went on a connection that had carried requests before (one the server may have dropped). */
        private boolean reusedChannel;
        private long sentNanos;
        private ScheduledFuture<?> deadline;
        private boolean finished;

        Running(SessionFlow flow, Consumer<Ended> done) {
            this.flow = flow;
            this.done = done;
        }

        /** Sends on {@code c} (null: a new connection). */
        void send(SessionFlow.Request q, Channel c, boolean isResend) {
            pending = q;
            resent = isResend;
            if (c != null && c.isActive()) {
                channel = c;
                if (c.eventLoop().inEventLoop()) {
                    write();
                } else {
                    c.eventLoop().execute(this::write);
                }
                return;
            }
            if (c != null) {
                c.close();
            }
            bootstrap.connect(host, port).addListener(f -> {
                if (!f.isSuccess()) {
                    Throwable cause = f.cause();
                    finish(SessionDriver.Outcome.failed("connect", cause == null ? "connect failed" : cause.toString()));
                    return;
                }
                Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
                ch.attr(CONNECTION).set(new Connection());
                channel = ch;
                write();
            });
        }

        private void write() {
            Channel ch = channel;
            Connection conn = ch.attr(CONNECTION).get();
            reusedChannel = conn.requests > 0;
            if (!ch.isActive()) {
                closedBeforeAnswer();
                return;
            }
            conn.session = this;
            conn.requests++;
            SessionFlow.Request q = pending;
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                    Unpooled.wrappedBuffer(q.body()));
            HttpHeaders h = req.headers();
            h.set(HttpHeaderNames.HOST, hostHeader);
            h.set(HttpHeaderNames.USER_AGENT, "lodestar-load");
            h.set("SOAPAction", "\"\"");
            if (q.body().length > 0) {
                h.set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=\"utf-8\"");
            }
            if (q.cookie() != null) {
                h.set(HttpHeaderNames.COOKIE, q.cookie());
            }
            if (q.authorization() != null) {
                h.set(HttpHeaderNames.AUTHORIZATION, q.authorization());
            }
            h.setInt(HttpHeaderNames.CONTENT_LENGTH, q.body().length);
            sentNanos = System.nanoTime();
            deadline = ch.eventLoop().schedule(this::timedOut, timeoutMillis, TimeUnit.MILLISECONDS);
            ch.writeAndFlush(req).addListener(f -> {
                if (!f.isSuccess() && conn.session == this) {
                    cancelDeadline();
                    conn.session = null;
                    closedBeforeAnswer();
                }
            });
        }

        private void timedOut() {
            Channel ch = channel;
            Connection conn = ch.attr(CONNECTION).get();
            if (conn.session != this) {
                return;
            }
            conn.session = null;
            ch.close();
            finish(SessionDriver.Outcome.failed("timeout", "no answer within the time-out"));
        }

        /** The server closed the connection before answering: once more on a new one if it was kept alive. */
        void closedBeforeAnswer() {
            channel.close();
            if (reusedChannel && !resent) {
                send(pending, null, true);
            } else {
                finish(SessionDriver.Outcome.failed("closed", "the ACS closed the connection without answering"));
            }
        }

        void answered(FullHttpResponse response) {
            cancelDeadline();
            stats.request(System.nanoTime() - sentNanos, response.status().code());
            boolean close = !HttpUtil.isKeepAlive(response);
            BlockingHttpConnection.Response r = convert(response, close);
            SessionFlow.Request next = flow.onResponse(r);
            Channel ch = channel;
            if (next == null) {
                if (close || !flow.outcome().ok()) {
                    ch.close();
                } else {
                    giveBack(ch);
                }
                finish(flow.outcome());
                return;
            }
            if (close) {
                ch.close();
                send(next, null, false);
            } else {
                send(next, ch, false);
            }
        }

        private void cancelDeadline() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }

        void finish(SessionDriver.Outcome o) {
            if (finished) {
                return;
            }
            finished = true;
            if (flow.outcome() == null) {
                flow.failed(o);
            }
            done.accept(new Ended(o, System.nanoTime()));
        }
    }

    private static BlockingHttpConnection.Response convert(FullHttpResponse response, boolean close) {
        HttpHeaders h = response.headers();
        int status = response.status().code();
        byte[] body = status == 204 || status == 304 || status / 100 == 1 ? new byte[0]
                : ByteBufUtil.getBytes(response.content());
        List<String> cookies = h.getAll(HttpHeaderNames.SET_COOKIE);
        List<String> challenges = h.getAll(HttpHeaderNames.WWW_AUTHENTICATE);
        long retryAfter = 0;
        String ra = h.get(HttpHeaderNames.RETRY_AFTER);
        if (ra != null) {
            try {
                retryAfter = Math.max(0, Long.parseLong(ra.trim()));
            } catch (NumberFormatException e) {
                retryAfter = 0; // an HTTP date: not used by Lodestar; the back-off alone applies
            }
        }
        return new BlockingHttpConnection.Response(status, body, h.get(HttpHeaderNames.CONTENT_TYPE), cookies,
                challenges, retryAfter, close);
    }

    /** Hands each answer (or the connection's end) to the session whose request the channel carries. */
    private final class Answers extends SimpleChannelInboundHandler<FullHttpResponse> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Connection conn = ctx.channel().attr(CONNECTION).get();
            Running s = conn == null ? null : conn.session;
            if (s == null) {
                ctx.close(); // an answer nobody asked for (or after a time-out): the connection is out of step
                return;
            }
            conn.session = null;
            s.answered(response);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            Connection conn = ctx.channel().attr(CONNECTION).get();
            Running s = conn == null ? null : conn.session;
            if (s != null) {
                conn.session = null;
                s.cancelDeadline();
                s.closedBeforeAnswer();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // channelInactive then ends or retries the session whose request was under way
        }
    }
}
