package io.lodestar.acs.cwmp.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests that reached the CWMP handler and whose reply has not been written to the socket yet. A
 * graceful stop waits until none is left, besides the sessions in the registry: a session leaves the registry (its
 * changes stored) just before its final 204 is written, and closing the connections at that moment cut the reply
 * the CPE was waiting for (it then retried a session that had in fact been stored). An Inform being admitted counts
 * too, so one admitted just before the stop is not missed while its session is being opened.
 */
final class RepliesInFlight {

    private final AtomicInteger pending = new AtomicInteger();
    private volatile Runnable onSettled = () -> { };

    /** Requests taken and not yet answered on the wire, over every connection. */
    int pending() {
        return pending.get();
    }

    /** Told each time a reply has been written (or its connection closed first); must not block. */
    void onSettled(Runnable listener) {
        this.onSettled = Objects.requireNonNull(listener);
    }

    /** One per connection, placed just before the CWMP handler (it runs on the connection's event loop). */
    ChannelDuplexHandler newTracker() {
        return new Tracker();
    }

    private void settle(int replies) {
        if (replies > 0) {
            pending.addAndGet(-replies);
            onSettled.run();
        }
    }

    private final class Tracker extends ChannelDuplexHandler {

        /** This connection's unanswered requests; touched on its event loop only. */
        private int open;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpRequest) {
                open++;
                pending.incrementAndGet();
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof HttpResponse && open > 0) {
                open--;
                ChannelPromise written = promise.unvoid();
                written.addListener(done -> settle(1));
                super.write(ctx, msg, written);
                return;
            }
            super.write(ctx, msg, promise);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            int unanswered = open;
            open = 0;
            settle(unanswered);
            super.channelInactive(ctx);
        }
    }
}
