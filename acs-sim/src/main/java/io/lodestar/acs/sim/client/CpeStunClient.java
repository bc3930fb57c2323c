package io.lodestar.acs.sim.client;

import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.sim.model.DataModel;
import io.lodestar.acs.sim.model.StunParameters;
import io.lodestar.acs.stun.StunAddresses;
import io.lodestar.acs.stun.StunAttribute;
import io.lodestar.acs.stun.StunCodec;
import io.lodestar.acs.stun.StunFormatException;
import io.lodestar.acs.stun.StunMessage;
import io.lodestar.acs.stun.StunPacket;
import io.lodestar.acs.stun.UdpConnectionRequestMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated CPE's STUN client and UDP connection request listener (TR-069 Annex G, TR-111 Part 2), on one UDP
 * socket of its own, on the CPE's event loop:
 * <ul>
 * <li>while {@code ManagementServer.STUNEnable} is true it sends a Binding Request with USERNAME (STUNUsername),
 *     CONNECTION-REQUEST-BINDING, MESSAGE-INTEGRITY (when STUNPassword is set) and FINGERPRINT every keep-alive
 *     period; a changed mapped address is written to {@code UDPConnectionRequestAddress} (a local change: with
 *     its Active notification the next Inform carries {@code 4 VALUE CHANGE}) and announced at once in a Binding
 *     Request with BINDING-CHANGE;</li>
 * <li>a datagram that is not STUN is read as a UDP connection request and checked
 *     ({@link UdpConnectionRequestCheck}); a valid one starts a session with {@code 6 CONNECTION REQUEST}, an
 *     invalid one is ignored and counted ({@link #stats()}).</li>
 * </ul>
 * The CPE's model needs the STUN parameters ({@link StunParameters#withStun}).
 */
public final class CpeStunClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CpeStunClient.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);

    private final SimulatedCpe cpe;
    private final StunClientOptions options;
    private final UdpConnectionRequestCheck check;
    private final Channel channel;
    private final AtomicInteger bindingRequests = new AtomicInteger();
    private final AtomicInteger bindingResponses = new AtomicInteger();
    private final AtomicInteger bindingErrors = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger wrongCredentials = new AtomicInteger();
    private final AtomicInteger stale = new AtomicInteger();
    private final AtomicInteger replayed = new AtomicInteger();
    private final AtomicInteger malformed = new AtomicInteger();
    private volatile InetSocketAddress mapped;
    private volatile boolean closed;
    // on the CPE's loop only
    private byte[] outstanding;
    private byte[] outstandingKey;
    private boolean bindingChanged;
    private volatile ScheduledFuture<?> timer;

    private CpeStunClient(SimulatedCpe cpe, StunClientOptions options, Channel channel) {
        this.cpe = cpe;
        this.options = options;
        this.channel = channel;
        this.check = new UdpConnectionRequestCheck(options.freshness(), 256);
    }

    /**
     * Opens the CPE's UDP socket and starts the keep-alive cycle (the first Binding Request goes out at once when
     * STUN is enabled). Blocks until bound: never call it on an event loop.
     *
     * @throws IllegalArgumentException when the CPE's model lacks the STUN parameters
     */
    public static CpeStunClient start(SimulatedCpe cpe, StunClientOptions options) {
        StunClientOptions o = options == null ? StunClientOptions.defaults() : options;
        DataModel model = cpe.model();
        if (!model.contains(StunParameters.managementServer(model, "STUNEnable"))) {
            throw new IllegalArgumentException(cpe + " has no ManagementServer.STUNEnable: give it a model made by "
                    + "StunParameters.withStun");
        }
        Holder holder = new Holder();
        Channel ch = new Bootstrap().group(cpe.loop()).channel(NioDatagramChannel.class)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(StunCodec.MAX_DATAGRAM + 1))
                .handler(new Receiver(holder))
                .bind(new InetSocketAddress(o.bind(), 0)).syncUninterruptibly().channel();
        CpeStunClient client = new CpeStunClient(cpe, o, ch);
        holder.client = client;
        cpe.loop().execute(client::tick);
        return client;
    }

    /** The CPE's UDP socket: where its Binding Requests come from and its UDP connection requests arrive. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The address the STUN server last reported (MAPPED-ADDRESS), if any. */
    public Optional<InetSocketAddress> mappedAddress() {
        return Optional.ofNullable(mapped);
    }

    public StunClientStats stats() {
        return new StunClientStats(bindingRequests.get(), bindingResponses.get(), bindingErrors.get(), accepted.get(),
                busy.get(), wrongCredentials.get(), stale.get(), replayed.get(), malformed.get());
    }

    /** Stops the keep-alives and closes the socket. */
    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        channel.close().syncUninterruptibly();
    }

    // ------------------------------------------------------------------ on the CPE's loop

    private void tick() {
        if (closed || !channel.isActive()) {
            return;
        }
        if (enabled()) {
            sendBindingRequest();
        }
        timer = cpe.loop().schedule(this::tick, keepAlive().toNanos(), TimeUnit.NANOSECONDS);
    }

    private boolean enabled() {
        return Boolean.parseBoolean(value("STUNEnable", "false")) || "1".equals(value("STUNEnable", "0"));
    }

    private Duration keepAlive() {
        if (options.keepAlive() != null) {
            return options.keepAlive();
        }
        try {
            long seconds = Long.parseLong(value("STUNMinimumKeepAlivePeriod", "30"));
            return seconds < 1 ? Duration.ofSeconds(1) : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return DEFAULT_KEEP_ALIVE;
        }
    }

    private InetSocketAddress server() {
        if (options.server() != null) {
            return options.server();
        }
        String host = value("STUNServerAddress", "");
        int port;
        try {
            port = Integer.parseInt(value("STUNServerPort", "3478"));
        } catch (NumberFormatException e) {
            port = 3478;
        }
        return new InetSocketAddress(host.isBlank() ? cpe.acsUrl().getHost() : host, port);
    }

    private String value(String name, String fallback) {
        return cpe.model().value(StunParameters.managementServer(cpe.model(), name)).orElse(fallback);
    }

    private String stunUsername() {
        String u = value("STUNUsername", "");
        if (!u.isEmpty()) {
            return u;
        }
        DeviceIdStruct id = cpe.deviceId();
        return id.oui() + "-" + id.productClass() + "-" + id.serialNumber();
    }

    private void sendBindingRequest() {
        InetSocketAddress server = server();
        if (server.isUnresolved()) {
            log.debug("{}: STUN server {} does not resolve", cpe, server);
            return;
        }
        byte[] transaction = new byte[12];
        RANDOM.nextBytes(transaction);
        List<StunAttribute> attributes = new ArrayList<>();
        attributes.add(StunAttribute.text(StunAttribute.USERNAME, stunUsername()));
        attributes.add(StunAttribute.text(StunAttribute.CONNECTION_REQUEST_BINDING, StunAttribute.TR111_BINDING_VALUE));
        if (bindingChanged) {
            attributes.add(new StunAttribute(StunAttribute.BINDING_CHANGE, new byte[0]));
        }
        String password = value("STUNPassword", "");
        byte[] key = password.isEmpty() ? null : StunCodec.key(password);
        byte[] request = StunCodec.encode(new StunMessage(StunMessage.BINDING_REQUEST, transaction, attributes), key, true);
        outstanding = transaction;
        outstandingKey = key;
        bindingRequests.incrementAndGet();
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(request), server));
    }

    private void received(byte[] bytes) {
        if (looksLikeStun(bytes)) {
            stunResponse(bytes);
        } else {
            connectionRequest(bytes);
        }
    }

    /** RFC 5389 7.3: the first two bits zero and the magic cookie in place. */
    private static boolean looksLikeStun(byte[] b) {
        return b.length >= StunCodec.HEADER && (b[0] & 0xC0) == 0 && (b[4] & 0xFF) == 0x21 && (b[5] & 0xFF) == 0x12
                && (b[6] & 0xFF) == 0xA4 && (b[7] & 0xFF) == 0x42;
    }

    private void stunResponse(byte[] bytes) {
        StunPacket packet;
        try {
            packet = StunCodec.decode(bytes);
        } catch (StunFormatException e) {
            malformed.incrementAndGet();
            return;
        }
        StunMessage m = packet.message();
        if (outstanding == null || !Arrays.equals(m.transactionId(), outstanding)) {
            return; // a late or foreign answer
        }
        if (m.type() == StunMessage.BINDING_ERROR) {
            bindingErrors.incrementAndGet();
            outstanding = null;
            return;
        }
        if (m.type() != StunMessage.BINDING_SUCCESS || (outstandingKey != null && !packet.integrityValid(outstandingKey))) {
            return;
        }
        outstanding = null;
        bindingResponses.incrementAndGet();
        InetSocketAddress address;
        try {
            Optional<StunAttribute> xor = m.attribute(StunAttribute.XOR_MAPPED_ADDRESS);
            address = xor.isPresent() ? StunAddresses.readXorMapped(xor.get(), m.transactionId())
                    : StunAddresses.readMapped(m.attribute(StunAttribute.MAPPED_ADDRESS).orElseThrow(
                            () -> new StunFormatException("no mapped address")));
        } catch (StunFormatException e) {
            malformed.incrementAndGet();
            return;
        }
        boolean wasChangeReport = bindingChanged;
        bindingChanged = false;
        String reported = UdpConnectionRequestMessage.formatAddress(address);
        String path = StunParameters.udpConnectionRequestAddress(cpe.model());
        mapped = address;
        if (!reported.equals(cpe.model().value(path).orElse(""))) {
            cpe.model().changeLocally(path, reported);
            String nat = StunParameters.managementServer(cpe.model(), "NATDetected");
            if (cpe.model().contains(nat)) {
                cpe.model().set(nat, Boolean.toString(!address.equals(localAddress())));
            }
            if (!wasChangeReport) {
                // TR-111: tell the STUN server at once that the binding changed
                bindingChanged = true;
                sendBindingRequest();
            }
        }
    }

    private void connectionRequest(byte[] bytes) {
        String root = cpe.model().root();
        String user = cpe.model().value(root + "ManagementServer.ConnectionRequestUsername").orElse("");
        String pass = cpe.model().value(root + "ManagementServer.ConnectionRequestPassword").orElse("");
        switch (check.check(bytes, bytes.length, user, pass, Instant.now())) {
            case ACCEPTED -> {
                if (cpe.connectionRequested()) {
                    accepted.incrementAndGet();
                } else {
                    busy.incrementAndGet();
                }
            }
            case MALFORMED -> malformed.incrementAndGet();
            case WRONG_CREDENTIALS -> wrongCredentials.incrementAndGet();
            case STALE -> stale.incrementAndGet();
            case REPLAYED -> replayed.incrementAndGet();
        }
    }

    private static final class Holder {
        volatile CpeStunClient client;
    }

    private static final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Holder holder;

        Receiver(Holder holder) {
            this.holder = holder;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            CpeStunClient client = holder.client;
            ByteBuf content = packet.content();
            if (client == null) {
                return;
            }
            if (content.readableBytes() > StunCodec.MAX_DATAGRAM) {
                client.malformed.incrementAndGet();
                return;
            }
            byte[] bytes = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), bytes);
            try {
                client.received(bytes);
            } catch (RuntimeException e) {
                client.malformed.incrementAndGet();
                log.warn("{}: a datagram from {} could not be handled", client.cpe, packet.sender(), e);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("simulated CPE's UDP socket error", cause);
        }
    }
}
