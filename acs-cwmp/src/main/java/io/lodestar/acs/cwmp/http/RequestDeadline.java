package io.lodestar.acs.cwmp.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for each whole request: it starts with the request's first byte and ends when the HTTP decoder has
 * seen the request's last byte, so a sender that drips its headers or its body (one byte every few seconds keeps
 * an idle timer happy) is answered 408 and cut off once the deadline passes. It sits before the HTTP codec,
 * on raw bytes; {@link #endMarker()}, after the codec, tells it where a request ends. Waiting between requests is
 * the idle timer's business.
 */
final class RequestDeadline extends ChannelDuplexHandler {

    private static final byte[] TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Connection: close\r\nContent-Length: 44\r\n\r\nthe request did not arrive within the limit\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final long timeoutMillis;
    private ScheduledFuture<?> pending;

    RequestDeadline(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (pending == null) {
            pending = ctx.executor().schedule(() -> expire(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
        }
        super.channelRead(ctx, msg);
    }

    private void expire(ChannelHandlerContext ctx) {
        pending = null;
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Called on the event loop when the decoder has passed a request's last part. */
    private void requestComplete() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        requestComplete();
        super.channelInactive(ctx);
    }

    /** The handler to put after the HTTP decoder: it marks the end of each request. */
    ChannelInboundHandlerAdapter endMarker() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof LastHttpContent) {
                    requestComplete();
                }
                super.channelRead(ctx, msg);
            }
        };
    }
}
