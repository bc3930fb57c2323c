package io.lodestar.acs.cwmp.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutorGroup;

import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one CPE connection, one concern per handler: HTTP/1.1 framing (Content-Length and
 * chunked), closing idle connections, inflating gzip/deflate bodies, aggregating the body under the size
 * limit (413 beyond it), then the CWMP handler on a worker executor.
 */
final class CwmpChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_SIZE = 16 * 1024;
    private static final int MAX_CHUNK_SIZE = 64 * 1024;

    private final CwmpEndpointConfig config;
    private final EventExecutorGroup workers;
    private final CwmpRequestHandler handler;
    private final ChannelGroup connections;

    CwmpChannelInitializer(CwmpEndpointConfig config, EventExecutorGroup workers, CwmpRequestHandler handler,
                           ChannelGroup connections) {
        this.config = config;
        this.workers = workers;
        this.handler = handler;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        connections.add(channel);
        channel.pipeline()
                .addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE))
                .addLast("idle", new IdleStateHandler(0, 0, config.connectionIdle().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("close-idle", new CloseIdleConnection())
                .addLast("inflate", new HttpContentDecompressor(0))
                .addLast("aggregate", new HttpObjectAggregator(config.maxBodyBytes()))
                .addLast(workers, "cwmp", handler);
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
