package io.lodestar.acs.stun;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the STUN server does with one datagram, without the network: answers a Binding Request (RFC 5389 10.1.2,
 * 7.3.1) with the sender's address, learns the TR-111 binding it announces, and drops everything else silently.
 * Never throws for bad input: a datagram it cannot use is counted and dropped.
 *
 * <p>Authentication (short-term credentials, the STUNPassword): when the USERNAME has a known password the request
 * must carry a valid MESSAGE-INTEGRITY, else 401 Unauthorized (TR-111 CPEs resend with MESSAGE-INTEGRITY on 401);
 * the answer then carries MESSAGE-INTEGRITY too. An unknown USERNAME is answered and learned unauthenticated, or
 * refused with 401 when integrity is required.
 */
public final class BindingRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(BindingRequestHandler.class);
    /** RFC 5389 15.3: USERNAME is less than 513 bytes. */
    private static final int MAX_USERNAME = 512;
    /** Comprehension-required attributes a Binding Request may carry that this server reads or knowingly ignores. */
    private static final Set<Integer> UNDERSTOOD = Set.of(StunAttribute.MAPPED_ADDRESS, StunAttribute.RESPONSE_ADDRESS,
            StunAttribute.CHANGE_REQUEST, StunAttribute.USERNAME, StunAttribute.XOR_MAPPED_ADDRESS,
            StunAttribute.ERROR_CODE, StunAttribute.UNKNOWN_ATTRIBUTES);

    /** What the handler did, counted. */
    public record Stats(long answered, long learned, long refused, long dropped) {}

    private final UdpBindings bindings;
    private final StunCredentials credentials;
    private final boolean requireIntegrity;
    private final Clock clock;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong learned = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public BindingRequestHandler(UdpBindings bindings, StunCredentials credentials, boolean requireIntegrity, Clock clock) {
        this.bindings = bindings;
        this.credentials = credentials;
        this.requireIntegrity = requireIntegrity;
        this.clock = clock;
    }

    public Stats stats() {
        return new Stats(answered.get(), learned.get(), refused.get(), dropped.get());
    }

    /**
     * Handles the first {@code length} bytes of {@code datagram}, received from {@code sender}.
     *
     * @return the datagram to send back to {@code sender}, or empty to stay silent
     */
    public Optional<byte[]> handle(byte[] datagram, int length, InetSocketAddress sender) {
        try {
            return answer(datagram, length, sender);
        } catch (RuntimeException e) {
            // a bug must not take the server's loop down: the datagram is dropped, the failure logged
            log.warn("STUN datagram from {} dropped on an unexpected error", sender, e);
            dropped.incrementAndGet();
            return Optional.empty();
        }
    }

    private Optional<byte[]> answer(byte[] datagram, int length, InetSocketAddress sender) {
        if (length > StunCodec.MAX_DATAGRAM || sender.getAddress() == null) {
            return drop("oversized or from an unresolved address", sender);
        }
        StunPacket packet;
        try {
            packet = StunCodec.decode(datagram, length);
        } catch (StunFormatException e) {
            return drop(e.getMessage(), sender);
        }
        StunMessage request = packet.message();
        if (request.type() != StunMessage.BINDING_REQUEST) {
            // indications, responses and other methods: nothing to answer (RFC 5389 7.3)
            return drop(String.format("message type 0x%04X is not a Binding Request", request.type()), sender);
        }
        if (packet.hasFingerprint() && !packet.fingerprintValid()) {
            return drop("FINGERPRINT does not match", sender);
        }
        boolean fingerprint = packet.hasFingerprint();
        List<Integer> unknown = request.attributes().stream().filter(StunAttribute::comprehensionRequired)
                .map(StunAttribute::type).filter(t -> !UNDERSTOOD.contains(t)).distinct().toList();
        if (!unknown.isEmpty()) {
            return refuse(request, 420, "Unknown Attribute", List.of(unknownAttributes(unknown)), fingerprint);
        }
        Optional<StunAttribute> usernameAttribute = request.attribute(StunAttribute.USERNAME);
        String username = null;
        if (usernameAttribute.isPresent()) {
            if (usernameAttribute.get().length() > MAX_USERNAME) {
                return refuse(request, 400, "Bad Request", List.of(), fingerprint);
            }
            username = usernameAttribute.get().text();
        }
        Optional<String> password = username == null ? Optional.empty() : credentials.passwordOf(username);
        byte[] key = null;
        if (password.isPresent()) {
            key = StunCodec.key(password.get());
            if (!packet.integrityValid(key)) {
                // missing or wrong: 401 either way, so that a TR-111 CPE resends with MESSAGE-INTEGRITY
                return refuse(request, 401, "Unauthorized", List.of(), fingerprint);
            }
        } else if (requireIntegrity) {
            return refuse(request, 401, "Unauthorized", List.of(), fingerprint);
        }
        boolean wantsBinding = request.attribute(StunAttribute.CONNECTION_REQUEST_BINDING)
                .map(a -> a.text().startsWith(StunAttribute.TR111_BINDING_VALUE.strip())).orElse(false);
        if (wantsBinding && username != null && !username.isEmpty()) {
            bindings.record(username, sender, clock.instant(), request.has(StunAttribute.BINDING_CHANGE), key != null);
            learned.incrementAndGet();
        }
        List<StunAttribute> attributes = new ArrayList<>();
        if (!request.classic()) {
            attributes.add(StunAddresses.xorMapped(sender, request.transactionId()));
        }
        // MAPPED-ADDRESS as well: TR-111 CPEs were written against RFC 3489, which knows only this one
        attributes.add(StunAddresses.mapped(sender));
        answered.incrementAndGet();
        return Optional.of(StunCodec.encode(request.answer(StunMessage.BINDING_SUCCESS, attributes), key, fingerprint));
    }

    private Optional<byte[]> refuse(StunMessage request, int code, String reason, List<StunAttribute> more,
                                    boolean fingerprint) {
        refused.incrementAndGet();
        List<StunAttribute> attributes = new ArrayList<>();
        attributes.add(StunAddresses.errorCode(code, reason));
        attributes.addAll(more);
        return Optional.of(StunCodec.encode(request.answer(StunMessage.BINDING_ERROR, attributes), null,
                fingerprint && !request.classic()));
    }

    private Optional<byte[]> drop(String why, InetSocketAddress sender) {
        dropped.incrementAndGet();
        if (log.isDebugEnabled()) {
            log.debug("STUN datagram from {} dropped: {}", sender, why.length() > 200 ? why.substring(0, 200) : why);
        }
        return Optional.empty();
    }

    private static StunAttribute unknownAttributes(List<Integer> types) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int t : types.subList(0, Math.min(types.size(), 16))) {
            b.write(t >>> 8);
            b.write(t);
        }
        return new StunAttribute(StunAttribute.UNKNOWN_ATTRIBUTES, b.toByteArray());
    }
}
