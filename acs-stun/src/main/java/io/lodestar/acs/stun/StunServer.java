package io.lodestar.acs.stun;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The built-in STUN server: one UDP socket on one event loop thread of its own. It answers Binding Requests and
 * learns the devices' bindings ({@link BindingRequestHandler}), and its socket sends the UDP connection requests
 * ({@link #connectionRequests()}), so that they come from where the devices' NAT bindings point.
 *
 * <pre>{@code
 * UdpBindings bindings = UdpBindings.from(settings);
 * bindings.addListener((binding, change) -> ...store binding.connectionRequestAddress()...);
 * try (StunServer stun = StunServer.start(settings, bindings, credentials, Clock.systemUTC())) {
 *     bindings.find(deviceId, now).ifPresent(b -> stun.connectionRequests().send(b.address(), user, password));
 * }
 * }</pre>
 */
public final class StunServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StunServer.class);
    /** Larger than any datagram processed: a longer one arrives truncated to this, is seen too long and dropped. */
    private static final int RECEIVE_BUFFER = StunCodec.MAX_DATAGRAM + 1;

    private final EventLoopGroup group;
    private final Channel channel;
    private final BindingRequestHandler handler;
    private final UdpConnectionRequestSender sender;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StunServer(EventLoopGroup group, Channel channel, BindingRequestHandler handler,
                       UdpConnectionRequestSender sender) {
        this.group = group;
        this.channel = channel;
        this.handler = handler;
        this.sender = sender;
    }

    /**
     * Binds {@code stun.bind}:{@code stun.port} and starts answering; blocks until bound.
     *
     * @throws IllegalStateException when the port cannot be bound (the message names it)
     */
    public static StunServer start(StunSettings settings, UdpBindings bindings, StunCredentials credentials, Clock clock) {
        BindingRequestHandler handler = new BindingRequestHandler(bindings, credentials, settings.requireIntegrity(), clock);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("lodestar-stun", true),
                NioIoHandler.newFactory());
        InetSocketAddress local = new InetSocketAddress(settings.bind(), settings.port());
        try {
            Channel channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER))
                    .handler(new DatagramHandler(handler))
                    .bind(local).syncUninterruptibly().channel();
            UdpConnectionRequestSender sender = new UdpConnectionRequestSender(channel, clock, settings.requestCopies(),
                    settings.requestInterval(), settings.requestMaxInterval());
            log.info("STUN server listening on udp {}", channel.localAddress());
            return new StunServer(group, channel, handler, sender);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot bind the STUN server to udp " + local + " (stun.bind, stun.port): " + e, e);
        }
    }

    /** Where it listens (the port chosen when stun.port is 0). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Sends UDP connection requests from this server's socket. */
    public UdpConnectionRequestSender connectionRequests() {
        return sender;
    }

    public BindingRequestHandler.Stats stats() {
        return handler.stats();
    }

    /** Closes the socket and stops the loop; closing again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final BindingRequestHandler handler;

        DatagramHandler(BindingRequestHandler handler) {
            this.handler = handler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            int length = content.readableBytes();
            if (length > StunCodec.MAX_DATAGRAM) {
                handler.handle(new byte[0], length, packet.sender()); // counted as dropped, never read
                return;
            }
            byte[] bytes = new byte[length];
            content.getBytes(content.readerIndex(), bytes);
            Optional<byte[]> answer = handler.handle(bytes, length, packet.sender());
            answer.ifPresent(a -> ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(a), packet.sender())));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a UDP socket has no peer to drop: log (ICMP port unreachable and the like) and keep serving
            log.debug("STUN socket error", cause);
        }
    }
}
