package io.lodestar.acs.stun;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends signed UDP connection requests (TR-069 Annex G.2.2) from the STUN server's socket, so that they come from
 * the address the CPE's Binding Requests go to and pass its NAT's filter. Each request goes out in
 * {@code copies} identical copies (same id: the CPE acts on the first and ignores the rest), the second after
 * {@code interval}, each further one after twice the previous wait, at most {@code maxInterval}.
 *
 * <p>Ids: one counter per sender, started from the clock's milliseconds (modulo 2^32) so that a restarted ACS does
 * not reuse the ids a device saw recently; it increments for each new request.
 */
public final class UdpConnectionRequestSender {

    private static final char[] CNONCE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Channel channel;
    private final Clock clock;
    private final int copies;
    private final Duration interval;
    private final Duration maxInterval;
    private final AtomicLong nextId;

    public UdpConnectionRequestSender(Channel channel, Clock clock, int copies, Duration interval, Duration maxInterval) {
        if (copies < 1) {
            throw new IllegalArgumentException("at least one copy, not " + copies);
        }
        if (interval.isNegative() || interval.isZero() || maxInterval.compareTo(interval) < 0) {
            throw new IllegalArgumentException("the interval must be positive and at most the maximum interval");
        }
        this.channel = Objects.requireNonNull(channel, "channel");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.copies = copies;
        this.interval = interval;
        this.maxInterval = maxInterval;
        this.nextId = new AtomicLong(clock.millis() & UdpConnectionRequestMessage.MAX_UNSIGNED_INT);
    }

    /**
     * Sends a new connection request to a device.
     *
     * @param target   the device's UDP binding (learned by the STUN server) or its UDPConnectionRequestAddress
     * @param username its ConnectionRequestUsername ({@code un})
     * @param password its ConnectionRequestPassword (the signature's key)
     */
    public UdpConnectionRequestAttempt send(InetSocketAddress target, String username, String password) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        long id = nextId.getAndIncrement() & UdpConnectionRequestMessage.MAX_UNSIGNED_INT;
        long ts = clock.instant().getEpochSecond() & UdpConnectionRequestMessage.MAX_UNSIGNED_INT;
        UdpConnectionRequestMessage message = UdpConnectionRequestMessage.signed(
                UdpConnectionRequestMessage.formatAddress(target), ts, id, username, cnonce(), password);
        UdpConnectionRequestAttempt attempt = new UdpConnectionRequestAttempt(message);
        if (target.isUnresolved()) {
            attempt.failed("the address " + target + " is not resolved");
            return attempt;
        }
        if (!channel.isActive()) {
            attempt.failed("the STUN server's socket is closed");
            return attempt;
        }
        try {
            channel.eventLoop().execute(() -> sendCopy(attempt, target, message.toBytes(), 0));
        } catch (RejectedExecutionException e) {
            attempt.failed("the STUN server is shutting down");
        }
        return attempt;
    }

    private void sendCopy(UdpConnectionRequestAttempt attempt, InetSocketAddress target, byte[] bytes, int index) {
        if (attempt.stopped() || !channel.isActive()) {
            attempt.done();
            return;
        }
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), target)).addListener(f -> {
            if (!f.isSuccess()) {
                attempt.failed("cannot send to " + target + ": " + f.cause());
                return;
            }
            attempt.copySent();
            if (index == 0) {
                attempt.firstSent();
            }
            if (index + 1 >= copies) {
                attempt.done();
                return;
            }
            try {
                channel.eventLoop().schedule(() -> sendCopy(attempt, target, bytes, index + 1),
                        delayBefore(index + 1).toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                attempt.done();
            }
        });
    }

    /** The wait before copy {@code index} (1 = the second copy): interval, doubled each time, capped. */
    Duration delayBefore(int index) {
        Duration d = interval;
        for (int i = 1; i < index && d.compareTo(maxInterval) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxInterval) > 0 ? maxInterval : d;
    }

    private static String cnonce() {
        char[] c = new char[16];
        for (int i = 0; i < c.length; i++) {
            c[i] = CNONCE_CHARS[RANDOM.nextInt(CNONCE_CHARS.length)];
        }
        return new String(c);
    }
}
