package io.lodestar.acs.httpauth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
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

    public Duration lifetime() {
        return lifetime;
    }

    public String issue() {
        ByteBuffer body = ByteBuffer.allocate(BODY + TAG);
        body.putLong(clock.millis());
        byte[] random = new byte[8];
        NONCE_RANDOM.get().nextBytes(random);
        body.put(random);
        body.put(tag(Arrays.copyOf(body.array(), BODY)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body.array());
    }

    public Check check(String nonce) {
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
        byte[] body = Arrays.copyOf(raw, BODY);
        if (!MessageDigest.isEqual(tag(body), Arrays.copyOfRange(raw, BODY, BODY + TAG))) {
            return Check.FORGED;
        }
        long issuedAt = ByteBuffer.wrap(body).getLong();
        long now = clock.millis();
        if (issuedAt > now + SKEW_MILLIS || now - issuedAt > lifetime.toMillis()) {
            return Check.EXPIRED;
        }
        return Check.VALID;
    }

    private byte[] tag(byte[] body) {
        return Arrays.copyOf(macs.get().doFinal(body), TAG); // doFinal leaves the Mac reset for the next use
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
