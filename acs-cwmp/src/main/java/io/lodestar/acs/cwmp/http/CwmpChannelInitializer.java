package io.lodestar.acs.cwmp.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one CPE connection, one concern per handler: TLS (on the HTTPS port), a deadline for each whole
 * request, HTTP/1.1 framing (Content-Length and chunked), closing idle connections, refusing transfer codings
 * other than chunked, inflating gzip/deflate bodies, counting the bytes held against the endpoint's bound,
 * aggregating the body under the size limit (413 beyond it), then the CWMP handler on the worker threads, in the order of
 * {@link SessionLanes}. A
 * connection beyond the endpoint's connection bound is answered 503 and closed before any of that.
 */
final class CwmpChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_SIZE = 16 * 1024;
    private static final int MAX_CHUNK_SIZE = 64 * 1024;

    private final CwmpEndpointConfig config;
    private final EndpointLimits limits;
    private final SessionLanes workers;
    private final CwmpRequestHandler handler;
    private final ChannelGroup connections;
    private final ReloadingTlsContext tls;
    private final BufferedBytes buffered;
    private final RetryAfter retryAfter;

    /** @param tls the TLS context of the HTTPS port, or null for plain HTTP */
    CwmpChannelInitializer(CwmpEndpointConfig config, EndpointLimits limits, SessionLanes workers,
                           CwmpRequestHandler handler, ChannelGroup connections, ReloadingTlsContext tls,
                           BufferedBytes buffered, RetryAfter retryAfter) {
        this.config = config;
        this.limits = limits;
        this.workers = workers;
        this.handler = handler;
        this.connections = connections;
        this.tls = tls;
        this.buffered = buffered;
        this.retryAfter = retryAfter;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (connections.size() >= limits.maxConnections()) {
            refuse(channel);
            return;
        }
        connections.add(channel);
        if (tls != null) {
            SslHandler ssl = tls.current().newHandler(channel.alloc());
            ssl.setHandshakeTimeoutMillis(limits.requestTimeout().toMillis());
            channel.pipeline().addLast("tls", ssl);
        }
        RequestDeadline deadline = new RequestDeadline(limits.requestTimeout());
        channel.pipeline()
                .addLast("deadline", deadline)
                .addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE))
                .addLast("request-end", deadline.endMarker())
                .addLast("idle", new IdleStateHandler(0, 0, config.connectionIdle().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("close-idle", new CloseIdleConnection())
                .addLast("transfer-coding", new TransferCodingCheck())
                .addLast("inflate", new HttpContentDecompressor(0))
                .addLast("budget", new BufferBudget(buffered, retryAfter, handler::shed))
                .addLast("aggregate", new HttpObjectAggregator(config.maxBodyBytes()))
                .addLast("replies", handler.replies().newTracker())
                .addLast("cwmp", workers);
    }

    /** One connection too many: a plain 503 (even on the HTTPS port nothing more is spent on it) and close. */
    private void refuse(SocketChannel channel) {
        String body = "too many connections: retry later\n";
        String reply = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: " + retryAfter.seconds()
                + "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body;
        channel.writeAndFlush(Unpooled.wrappedBuffer(reply.getBytes(StandardCharsets.US_ASCII)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Closes a connection on which nothing happened for the idle time: a CPE that went away. */
    private static final class CloseIdleConnection extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                ctx.close();
            } else {
                super.userEventTriggered(ctx, event);
            }
        }
    }
}
