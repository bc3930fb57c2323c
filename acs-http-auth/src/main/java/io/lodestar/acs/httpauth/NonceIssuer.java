package io.lodestar.acs.httpauth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Digest nonces that any node holding the same key can check, with no state shared between nodes: a nonce is
 * {@code base64url(issued-at millis (8 bytes) | random (8 bytes) | HMAC-SHA256(key, the first 16 bytes) cut to 16
 * bytes)}. A nonce whose tag does not match was not issued with this key ({@link Check#FORGED}); one older than
 * the lifetime (or issued more than a little in the future) is {@link Check#EXPIRED}, answered with
 * {@code stale=true} so that the client retries with a fresh one without asking anyone for a password.
 *
 * <p>A nonce can be bound to a name (the device it was issued to): the HMAC then covers the name too, and the
 * nonce checks as {@link Check#FORGED} for any other name, so that a nonce one CPE was challenged with is worth
 * nothing to another (its nonce counts, kept per nonce, cannot be mixed up either).
 */
public final class NonceIssuer {

    /** What a presented nonce turned out to be. */
    public enum Check { VALID, EXPIRED, FORGED }

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The nonces' random part, one generator per thread: the default SecureRandom (NativePRNG) serializes every
     * caller on one lock, which under a storm of 401s was the session workers' longest wait. The part only has to
     * make nonces unique and unguessable; the HMAC is what makes them ours.
     */
    private static final ThreadLocal<SecureRandom> NONCE_RANDOM = ThreadLocal.withInitial(NonceIssuer::nonceRandom);
    private static final int BODY = 16;
    private static final int TAG = 16;
    /** Clocks of ACS nodes differ a little: a nonce this far in the future is still taken. */
    private static final long SKEW_MILLIS = 5_000;

    private final byte[] key;
    private final Duration lifetime;
    private final Clock clock;
    /** A keyed HMAC per thread: looking up the provider and keying a Mac for every nonce cost more than the HMAC. */
    private final ThreadLocal<Mac> macs;

    /**
     * @param key      the HMAC key, at least 16 bytes; every ACS node that must accept another's nonces has the same
     * @param lifetime how long a nonce is accepted after it was issued
     */
    public NonceIssuer(byte[] key, Duration lifetime, Clock clock) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a nonce key needs at least 16 bytes, got " + key.length);
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a nonce lifetime must be positive: " + lifetime);
        }
        this.key = key.clone();
        this.lifetime = lifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A random key, for a single node (its nonces are refused as forged by other nodes and after a restart). */
    public static byte[] randomKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }

    /** The key derived from a configured secret (any text; the same text on every node). */
    public static byte[] keyFromSecret(String secret) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("an empty nonce secret");
        }
        return DigestAlgorithm.SHA_256.hashBytes("lodestar-digest-nonce:" + secret);
    }

    /** The issuer's clock now, epoch milliseconds. */
    public long nowMillis() {
        return clock.millis();
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A nonce bound to no name. */
    public String issue() {
        return issue("");
    }

    /** A nonce bound to {@code binding} (the device it is issued to): it checks as valid only with the same. */
    public String issue(String binding) {
        ByteBuffer body = ByteBuffer.allocate(BODY + TAG);
        body.putLong(clock.millis());
        byte[] random = new byte[8];
        NONCE_RANDOM.get().nextBytes(random);
        body.put(random);
        body.put(tag(body.array(), binding));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body.array());
    }

    /** As {@link #check(String, String)} for a nonce bound to no name. */
    public Check check(String nonce) {
        return check(nonce, "");
    }

    /**
     * When a nonce this issuer made was issued (milliseconds since the epoch), read without checking it: call it
     * only for a nonce that {@link #check(String, String) checked} valid.
     */
    public static long issuedAtMillis(String nonce) {
        return ByteBuffer.wrap(Base64.getUrlDecoder().decode(nonce), 0, 8).getLong();
    }

    /** Whether the nonce is ours, issued for {@code binding}, and within its lifetime. */
    public Check check(String nonce, String binding) {
        if (nonce == null || nonce.length() > 64) {
            return Check.FORGED;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException notBase64) {
            return Check.FORGED;
        }
        if (raw.length != BODY + TAG) {
            return Check.FORGED;
        }
        if (!MessageDigest.isEqual(tag(raw, binding), Arrays.copyOfRange(raw, BODY, BODY + TAG))) {
            return Check.FORGED;
        }
        long issuedAt = ByteBuffer.wrap(raw, 0, 8).getLong();
        long now = clock.millis();
        if (issuedAt > now + SKEW_MILLIS || now - issuedAt > lifetime.toMillis()) {
            return Check.EXPIRED;
        }
        return Check.VALID;
    }

    /** The HMAC of the first {@link #BODY} bytes of {@code raw} and of the binding's UTF-8 bytes, cut. */
    private byte[] tag(byte[] raw, String binding) {
        Mac mac = macs.get();
        mac.update(raw, 0, BODY);
        if (!binding.isEmpty()) {
            mac.update(binding.getBytes(StandardCharsets.UTF_8));
        }
        return Arrays.copyOf(mac.doFinal(), TAG); // doFinal leaves the Mac reset for the next use
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static SecureRandom nonceRandom() {
        try {
            return SecureRandom.getInstance("DRBG"); // seeded once from the system's entropy, then lock-free per thread
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
