package io.lodestar.acs.cwmp.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * Counts one connection's request body against the endpoint's {@link BufferedBytes} before the aggregator holds
 * it, and gives the bytes back when the response goes out or the connection closes. When all connections
 * together hold the bound, the request is answered 503 (with Retry-After) and its connection closed: the memory
 * of many large or slow bodies stays bounded whatever each of them does.
 */
final class BufferBudget extends ChannelDuplexHandler {

    /** Bytes counted per body part on top of its content: what holding a part costs (buffer and bookkeeping). */
    static final int PART_OVERHEAD = 64;

    private final BufferedBytes budget;
    private final RetryAfter retryAfter;
    private long counted;
    private boolean refused;

    private final java.util.function.Consumer<ShedReason> shedObserver;

    BufferBudget(BufferedBytes budget, RetryAfter retryAfter) {
        this(budget, retryAfter, reason -> { });
    }

    BufferBudget(BufferedBytes budget, RetryAfter retryAfter, java.util.function.Consumer<ShedReason> shedObserver) {
        this.budget = budget;
        this.retryAfter = retryAfter;
        this.shedObserver = shedObserver;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpContent content) {
            long n = content.content().readableBytes() + PART_OVERHEAD;
            if (!budget.reserve(n)) {
                refused = true;
                ReferenceCountUtil.release(msg);
                shedObserver.accept(ShedReason.MEMORY);
                FullHttpResponse busy = HttpReplies.text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "the ACS holds too many request bytes: retry later");
                busy.headers().setInt(HttpHeaderNames.RETRY_AFTER, retryAfter.seconds());
                busy.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(busy).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            counted += n;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse) {
            giveBack();
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        giveBack();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        giveBack();
    }

    private void giveBack() {
        if (counted > 0) {
            budget.release(counted);
            counted = 0;
        }
    }
}
