package io.lodestar.acs.httpauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a Digest response (RFC 7616) against the HA1 the server keeps: the nonce is one of ours and alive, the
 * algorithm is one offered, qop is {@code auth}, the uri is the request's, the nonce count grew, and the response
 * matches, compared in constant time. Thread-safe.
 *
 * <p>A replayed Authorization header (same nonce, same or lower count) is refused as {@link Verdict#STALE}: the
 * client is asked for a fresh nonce. The counts are remembered per node for the nonces it accepted, at most
 * {@code maxTrackedNonces} of them (the oldest forgotten first); only a verified response adds one, so an
 * unauthenticated client cannot fill the table.
 *
 * <p>A client may present a nonce again in a later session or on a new connection, without being challenged
 * first (RFC 7616 section 3.4, TR-069 3.4.4: "the CPE MAY reuse the nonce"), as long as the nonce is alive and its
 * count grows: that saves the 401 round trip per session. A forgotten nonce cannot be replayed: the verifier keeps
 * a horizon, the issue time of the newest nonce it has forgotten (and at first its own start), and a nonce issued
 * at or before the horizon whose count it no longer knows is {@link Verdict#STALE}, never valid. So the table's
 * bound costs at worst a fresh challenge, never replay protection.
 */
public final class DigestVerifier {

    /** The outcome of a check. */
    public enum Verdict {
        /** The client knows the secret. */
        VALID,
        /** The nonce expired or was used already: challenge again with {@code stale=true}. */
        STALE,
        /** Wrong secret, forged nonce, another realm or uri, an algorithm or qop not offered. */
        REFUSED
    }

    private final NonceIssuer nonces;
    private final Set<DigestAlgorithm> accepted;
    /** Per accepted nonce: the last count, and when the nonce was issued (for the horizon once it is forgotten). */
    private final Map<String, long[]> lastCounts;
    /** Nonces issued before this (epoch millis) whose counts are not in the table are stale, never valid. */
    private long forgottenBefore;

    /** A verifier started now: nonces issued before, by another node or process, are stale until re-issued. */
    public DigestVerifier(NonceIssuer nonces, Set<DigestAlgorithm> accepted, int maxTrackedNonces) {
        this(nonces, accepted, maxTrackedNonces, nonces.nowMillis());
    }

    /** @param startedMillis nonces issued before this instant are stale unless this verifier accepted them */
    public DigestVerifier(NonceIssuer nonces, Set<DigestAlgorithm> accepted, int maxTrackedNonces, long startedMillis) {
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.accepted = Set.copyOf(accepted);
        if (maxTrackedNonces < 1) {
            throw new IllegalArgumentException("maxTrackedNonces must be at least 1");
        }
        this.forgottenBefore = startedMillis;
        this.lastCounts = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
                if (size() > maxTrackedNonces) {
                    forgottenBefore = Math.max(forgottenBefore, eldest.getValue()[1] + 1);
                    return true;
                }
                return false;
            }
        };
    }

    /**
     * @param method     the request's method
     * @param requestUri the request-target as received (its path is compared with the response's uri), or null
     *                   to skip that check
     * @param realm      the realm the HA1 was computed for
     * @param username   the user the HA1 was computed for
     * @param ha1        the stored H(username:realm:password) for {@code response.algorithm().base()}
     */
    public Verdict verify(PresentedCredentials.DigestResponse response, String method, String requestUri, String realm,
                          String username, String ha1) {
        return verify(response, method, requestUri, realm, username, ha1, "");
    }

    /**
     * As {@link #verify(PresentedCredentials.DigestResponse, String, String, String, String, String)} for a nonce
     * that must have been issued for {@code binding} ({@link NonceIssuer#issue(String)}): one issued for another
     * is refused.
     */
    public Verdict verify(PresentedCredentials.DigestResponse response, String method, String requestUri, String realm,
                          String username, String ha1, String binding) {
        boolean userMatches = MessageDigest.isEqual(response.username().getBytes(StandardCharsets.UTF_8),
                username.getBytes(StandardCharsets.UTF_8));
        if (!userMatches || !accepted.contains(response.algorithm()) || !"auth".equalsIgnoreCase(response.qop())
                || !response.realm().equals(realm) || (requestUri != null && !sameTarget(response.uri(), requestUri))) {
            return Verdict.REFUSED;
        }
        NonceIssuer.Check nonce = nonces.check(response.nonce(), binding);
        if (nonce == NonceIssuer.Check.FORGED) {
            return Verdict.REFUSED;
        }
        if (!responseMatches(response, method, ha1)) {
            return Verdict.REFUSED;
        }
        if (nonce == NonceIssuer.Check.EXPIRED) {
            return Verdict.STALE; // right secret, old nonce
        }
        long count = response.nonceCount();
        synchronized (lastCounts) {
            long[] last = lastCounts.get(response.nonce());
            if (last == null) {
                long issuedAt = NonceIssuer.issuedAtMillis(response.nonce());
                if (issuedAt < forgottenBefore) {
                    return Verdict.STALE; // its counts may have been forgotten: a replay cannot be told apart
                }
                lastCounts.put(response.nonce(), new long[] {count, issuedAt});
            } else if (count <= last[0]) {
                return Verdict.STALE;
            } else {
                last[0] = count;
            }
        }
        return Verdict.VALID;
    }

    /** Whether the response is the one the HA1 gives, compared in constant time; no nonce or uri checks. */
    public static boolean responseMatches(PresentedCredentials.DigestResponse r, String method, String ha1) {
        String expected = Digest.response(r.algorithm(), ha1, method, r.uri(), r.nonce(), r.nc(), r.cnonce(), r.qop());
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                r.response().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    /** The response's uri names the request's target: equal, or the same path (and query) in absolute form. */
    static boolean sameTarget(String digestUri, String requestUri) {
        if (digestUri.equals(requestUri)) {
            return true;
        }
        try {
            URI a = URI.create(digestUri);
            URI b = URI.create(requestUri);
            return Objects.equals(pathOf(a), pathOf(b)) && Objects.equals(a.getRawQuery(), b.getRawQuery());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String pathOf(URI u) {
        String p = u.getRawPath();
        return p == null || p.isEmpty() ? "/" : p;
    }
}
