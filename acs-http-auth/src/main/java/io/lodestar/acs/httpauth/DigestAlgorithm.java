package io.lodestar.acs.httpauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** The Digest algorithms of RFC 7616 that CPEs speak: MD5 (most of the installed base) and SHA-256, plain or -sess. */
public enum DigestAlgorithm {
    MD5("MD5", "MD5", false),
    MD5_SESS("MD5-sess", "MD5", true),
    SHA_256("SHA-256", "SHA-256", false),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true);

    private final String token;
    private final String javaName;
    private final boolean session;
    /** A digest per thread: looking the provider up for each hash cost as much as hashing a Digest line. */
    private final ThreadLocal<MessageDigest> digests;

    DigestAlgorithm(String token, String javaName, boolean session) {
        this.token = token;
        this.javaName = javaName;
        this.session = session;
        this.digests = ThreadLocal.withInitial(() -> newDigest(javaName));
    }

    private static MessageDigest newDigest(String javaName) {
        try {
            return MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + javaName, e);
        }
    }

    /** The {@code algorithm} parameter's value; absent means MD5 (RFC 7616 section 3.3). */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null) {
            return Optional.of(MD5);
        }
        String t = token.trim().toUpperCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.token.toUpperCase(Locale.ROOT).equals(t)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public String token() {
        return token;
    }

    public boolean isSession() {
        return session;
    }

    /** Lower-case hex of the hash of the UTF-8 bytes of {@code s}. */
    public String hash(String s) {
        return HexFormat.of().formatHex(hashBytes(s));
    }

    /** The hash of the UTF-8 bytes of {@code s}. */
    public byte[] hashBytes(String s) {
        return digests.get().digest(s.getBytes(StandardCharsets.UTF_8)); // digest() leaves it reset
    }

    /** The algorithm without -sess: whose HA1 a server keeps for this one. */
    public DigestAlgorithm base() {
        return switch (this) {
            case MD5, MD5_SESS -> MD5;
            case SHA_256, SHA_256_SESS -> SHA_256;
        };
    }

    /** Length of this algorithm's hashes in hex digits. */
    public int hexLength() {
        return base() == MD5 ? 32 : 64;
    }
}
