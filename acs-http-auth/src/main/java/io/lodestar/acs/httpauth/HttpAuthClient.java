package io.lodestar.acs.httpauth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Answers an HTTP authentication challenge: Basic, or Digest (RFC 7616: MD5, SHA-256, their -sess forms, qop
 * auth or none). Used by a CPE answering the ACS (TR-069 3.4.4) and by the ACS sending a connection request
 * (TR-069 3.2.2). Once challenged, every later request carries the Authorization header, with a fresh nonce count
 * for Digest. Not thread-safe: one per session or per connection request.
 */
public final class HttpAuthClient {

    /**
     * Client nonces, one generator per thread: the default SecureRandom (NativePRNG) serializes every caller on one
     * lock, which a load run's hundreds of CPE threads queued on.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(HttpAuthClient::newRandom);

    private final String username;
    private final String password;
    private final DigestAlgorithm algorithm;
    private final String realm;
    private final String nonce;
    /** The challenge offered qop=auth. */
    private final boolean qopAuth;
    /** The challenge named its algorithm (the answer names it then too). */
    private final boolean algorithmNamed;
    private final String opaque;
    private int nonceCount;
    /** H(username:realm:password) for the algorithm, computed at the first header (null until then). */
    private String ha1;

    private HttpAuthClient(String username, String password, DigestAlgorithm algorithm, Map<String, String> params) {
        this.username = username;
        this.password = password;
        this.algorithm = algorithm;
        this.realm = params.getOrDefault("realm", "");
        this.nonce = params.get("nonce");
        boolean auth = false;
        if (params.containsKey("qop")) {
            for (String q : params.get("qop").split(",")) {
                if (q.trim().equalsIgnoreCase("auth")) {
                    auth = true;
                }
            }
        }
        this.qopAuth = auth;
        this.algorithmNamed = params.containsKey("algorithm");
        this.opaque = params.get("opaque");
    }

    /** Whether a 401's challenges say {@code stale=true}: the credentials were right, the nonce was not alive. */
    public static boolean isStale(List<String> wwwAuthenticate) {
        for (String challenge : wwwAuthenticate) {
            if (!AuthParams.schemeOf(challenge).equals("digest")) {
                continue;
            }
            try {
                if ("true".equalsIgnoreCase(AuthParams.paramsOf(challenge).get("stale"))) {
                    return true;
                }
            } catch (IllegalArgumentException unusable) {
                // not a challenge we could answer anyway
            }
        }
        return false;
    }

    private HttpAuthClient(HttpAuthClient from, String username, String password) {
        this.username = username;
        this.password = password;
        this.algorithm = from.algorithm;
        this.realm = from.realm;
        this.nonce = from.nonce;
        this.qopAuth = from.qopAuth;
        this.algorithmNamed = from.algorithmNamed;
        this.opaque = from.opaque;
        this.nonceCount = from.nonceCount;
    }

    /**
     * The same challenge (nonce, count so far) answered with other credentials: a CPE whose password changed
     * since its last session (the ACS set a new one) presents its last nonce with the credentials it has now.
     */
    public HttpAuthClient withCredentials(String username, String password) {
        return new HttpAuthClient(this, username, password);
    }

    /** The nonce this client answers with (null for Basic). */
    public String nonce() {
        return nonce;
    }

    /**
     * The scheme to answer the challenges with (Digest preferred over Basic), or null when none is supported.
     *
     * @param allowBasic whether a Basic challenge may be answered (sends the password in clear without TLS)
     */
    public static HttpAuthClient fromChallenges(List<String> wwwAuthenticate, String username, String password,
                                                boolean allowBasic) {
        HttpAuthClient basic = null;
        for (String challenge : wwwAuthenticate) {
            String scheme = AuthParams.schemeOf(challenge);
            Map<String, String> params;
            try {
                params = AuthParams.paramsOf(challenge);
            } catch (IllegalArgumentException tooLong) {
                continue;
            }
            if (scheme.equals("digest") && params.containsKey("nonce")) {
                var algorithm = DigestAlgorithm.fromToken(params.get("algorithm"));
                if (algorithm.isPresent()) {
                    return new HttpAuthClient(username, password, algorithm.get(), params);
                }
            }
            if (scheme.equals("basic") && allowBasic) {
                basic = new HttpAuthClient(username, password, null, params);
            }
        }
        return basic;
    }

    /** As {@link #fromChallenges(List, String, String, boolean)} with Basic allowed. */
    public static HttpAuthClient fromChallenges(List<String> wwwAuthenticate, String username, String password) {
        return fromChallenges(wwwAuthenticate, username, password, true);
    }

    public boolean isDigest() {
        return algorithm != null;
    }

    /** The Authorization header for the next request. */
    public String header(String method, String uri) {
        if (algorithm == null) {
            return basicHeader(username, password);
        }
        byte[] raw = new byte[8];
        RANDOM.get().nextBytes(raw);
        return digestHeader(method, uri, HexFormat.of().formatHex(raw), ++nonceCount);
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    public static String basicHeader(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The Digest header with a given client nonce and count (tests reproduce the RFC examples with it). */
    public String digestHeader(String method, String uri, String cnonce, int nc) {
        String qop = qopAuth ? "auth" : null;
        String hex = Integer.toHexString(nc);
        String ncHex = "00000000".substring(hex.length()) + hex;
        if (ha1 == null) {
            ha1 = Digest.ha1(algorithm.base(), username, realm, password); // the same for every request
        }
        String response = Digest.response(algorithm, ha1, method, uri, nonce, ncHex, cnonce, qop);
        StringBuilder sb = new StringBuilder("Digest ");
        sb.append("username=\"").append(quote(username)).append("\", realm=\"").append(quote(realm))
                .append("\", nonce=\"").append(quote(nonce)).append("\", uri=\"").append(quote(uri))
                .append("\", response=\"").append(response).append('"');
        if (algorithmNamed) {
            sb.append(", algorithm=").append(algorithm.token());
        }
        if (qop != null) {
            sb.append(", qop=").append(qop).append(", nc=").append(ncHex).append(", cnonce=\"").append(cnonce).append('"');
        }
        if (opaque != null) {
            sb.append(", opaque=\"").append(quote(opaque)).append('"');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
