package io.lodestar.acs.cwmp.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The queue in front of the session engine, ordered so that an operator's wait is not spent behind a storm. Every
 * request is handed from its connection's I/O thread to the worker threads (sessions block on the store) in one of
 * three {@link Lane}s, served strictly in order: first the requests of sessions an operator waits on (opened by a
 * connection request or carrying a TransferComplete) and new Informs naming those events, then the requests of
 * the other sessions in progress (finishing them frees room), last new sessions. A new session that admission
 * control would refuse whatever its Inform says is answered 503 with Retry-After right on the I/O thread
 * ({@link Admission#shedUnread}), so a boot storm is shed before it queues.
 *
 * <p>One connection's requests are handled one at a time, in order (a CPE waits for each reply anyway). So the
 * workers' queue holds at most one request per connection: it is bounded by the endpoint's connection bound
 * ({@code cwmp.max-connections}), and a pipelining client's further requests wait in its own connection's queue,
 * whose bytes the buffer budget counts.
 */
@ChannelHandler.Sharable
final class SessionLanes extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SessionLanes.class);
    private static final AttributeKey<Serial> SERIAL = AttributeKey.valueOf("lodestar.cwmp.serial");

    /** In the order served. */
    enum Lane {
        /** A session an operator waits on (connection request, TransferComplete), or a new Inform naming one. */
        PREFERRED,
        /** Another session in progress. */
        IN_SESSION,
        /** A new session (a boot, a periodic Inform...). */
        NEW
    }

    private final CwmpRequestHandler handler;
    private final ThreadPoolExecutor workers;
    private final AtomicLong arrival = new AtomicLong();

    SessionLanes(CwmpRequestHandler handler, int threads) {
        this.handler = handler;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new PriorityBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "lodestar-cwmp-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Requests handed to the workers and not yet begun, in all lanes. */
    int queued() {
        return workers.getQueue().size();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Serial serial = ctx.channel().attr(SERIAL).get();
        if (serial == null) {
            serial = new Serial();
            ctx.channel().attr(SERIAL).set(serial);
        }
        boolean start;
        synchronized (serial) {
            start = !serial.busy;
            if (start) {
                serial.busy = true;
            } else {
                serial.waiting.add(request); // a pipelining client: after the one in hand
            }
        }
        if (start) {
            dispatch(ctx, request, serial);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, FullHttpRequest request, Serial serial) {
        Lane lane;
        try {
            lane = handler.laneOf(ctx, request);
            if (lane == Lane.NEW && handler.shedUnread(ctx, request)) {
                ReferenceCountUtil.release(request);
                next(ctx, serial);
                return;
            }
        } catch (RuntimeException e) {
            lane = Lane.NEW;
        }
        try {
            workers.execute(new Job(lane, arrival.incrementAndGet(), () -> {
                try {
                    handler.handle(ctx, request);
                } catch (RuntimeException e) {
                    handler.exceptionCaught(ctx, e);
                } finally {
                    ReferenceCountUtil.release(request);
                    next(ctx, serial);
                }
            }));
        } catch (RejectedExecutionException e) {
            LOG.debug("the CWMP workers are stopped: request dropped");
            ReferenceCountUtil.release(request);
            ctx.close();
        }
    }

    /** The connection's next request, if it sent one before its previous was answered. */
    private void next(ChannelHandlerContext ctx, Serial serial) {
        FullHttpRequest following;
        synchronized (serial) {
            following = serial.waiting.poll();
            if (following == null) {
                serial.busy = false;
                return;
            }
        }
        dispatch(ctx, following, serial);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Channel channel = ctx.channel();
        Serial serial = channel.attr(SERIAL).get();
        if (serial != null) {
            synchronized (serial) {
                FullHttpRequest left;
                while ((left = serial.waiting.poll()) != null) {
                    ReferenceCountUtil.release(left);
                }
            }
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        handler.exceptionCaught(ctx, cause);
    }

    /** Stops the workers once the requests they hold are done (at most the given time). */
    void shutdown(long timeout, TimeUnit unit) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(timeout, unit)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a connection has a request in hand, and those it sent meanwhile. */
    private static final class Serial {
        boolean busy;
        final Queue<FullHttpRequest> waiting = new ArrayDeque<>();
    }

    /** A request in its lane; within a lane, first come first served. */
    record Job(Lane lane, long arrival, Runnable work) implements Runnable, Comparable<Job> {
        @Override
        public void run() {
            work.run();
        }

        @Override
        public int compareTo(Job other) {
            int byLane = lane.compareTo(other.lane);
            return byLane != 0 ? byLane : Long.compare(arrival, other.arrival);
        }
    }
}
