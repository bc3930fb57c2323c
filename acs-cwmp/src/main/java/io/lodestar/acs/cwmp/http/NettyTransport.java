package io.lodestar.acs.cwmp.http;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The Netty transport the CWMP endpoint runs on: Linux's native epoll where its library loads, Java NIO elsewhere
 * (or with {@code -Dio.netty.transport.noNative=true}). Why native: every request crosses from an I/O thread to a
 * worker and its reply back, and NIO wakes a selector through a lock that the I/O thread takes on every loop (seen
 * contended in a first-contact storm's profile, docs/BENCHMARKS.md); epoll wakes through an eventfd, without it,
 * and reads and writes with fewer system calls.
 */
public final class NettyTransport {

    private NettyTransport() {
    }

    /** Whether the native transport is in use. */
    public static boolean isNative() {
        return Epoll.isAvailable();
    }

    /** "epoll" or "nio", for the start-up log. */
    public static String name() {
        return isNative() ? "epoll" : "nio";
    }

    /** The I/O handlers of the event loops. */
    public static IoHandlerFactory ioHandlers() {
        return isNative() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** The listening socket's channel class, matching {@link #ioHandlers()}. */
    public static Class<? extends ServerChannel> serverChannel() {
        return isNative() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * Whether a failure to bind means the port is taken: NIO says so with a {@link java.net.BindException}, epoll
     * with a native I/O exception naming the errno.
     */
    static boolean isAddressInUse(Throwable e) {
        return e instanceof java.net.BindException
                || (e.getMessage() != null && e.getMessage().contains("Address already in use"));
    }
}
