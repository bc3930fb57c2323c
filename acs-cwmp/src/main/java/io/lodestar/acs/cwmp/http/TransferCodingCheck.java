package io.lodestar.acs.cwmp.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;

import java.util.List;
import java.util.Locale;

/**
 * Refuses a request whose Transfer-Encoding is anything but {@code chunked} (e.g. {@code gzip, chunked}) with 400
 * and closes the connection: compression belongs in Content-Encoding, and a transfer coding the ACS does not
 * apply would otherwise reach the inflater and fail there.
 */
final class TransferCodingCheck extends ChannelInboundHandlerAdapter {

    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            List<String> codings = request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
            if (!codings.isEmpty() && !onlyChunked(codings)) {
                refused = true;
                ReferenceCountUtil.release(msg);
                FullHttpResponse refusal = HttpReplies.text(HttpResponseStatus.BAD_REQUEST,
                        "unsupported Transfer-Encoding " + LogSafe.text(String.join(", ", codings))
                                + ": only chunked is accepted (use Content-Encoding for gzip)");
                refusal.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        super.channelRead(ctx, msg);
    }

    private static boolean onlyChunked(List<String> codings) {
        for (String header : codings) {
            for (String coding : header.split(",")) {
                if (!coding.trim().toLowerCase(Locale.ROOT).equals("chunked")) {
                    return false;
                }
            }
        }
        return true;
    }
}
