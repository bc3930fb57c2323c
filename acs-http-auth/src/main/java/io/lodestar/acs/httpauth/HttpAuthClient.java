package io.lodestar.acs.httpauth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers an HTTP authentication challenge: Basic, or Digest (RFC 7616: MD5, SHA-256, their -sess forms, qop
 * auth or none). Used by a CPE answering the ACS (TR-069 3.4.4) and by the ACS sending a connection request
 * (TR-069 3.2.2). Once challenged, every later request carries the Authorization header, with a fresh nonce count
 * for Digest. Not thread-safe: one per session or per connection request.
 */
public final class HttpAuthClient {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String username;
    private final String password;
    private final DigestAlgorithm algorithm;
    private final Map<String, String> params;
    private int nonceCount;

    private HttpAuthClient(String username, String password, DigestAlgorithm algorithm, Map<String, String> params) {
        this.username = username;
        this.password = password;
        this.algorithm = algorithm;
        this.params = params;
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
        RANDOM.nextBytes(raw);
        return digestHeader(method, uri, HexFormat.of().formatHex(raw), ++nonceCount);
    }

    public static String basicHeader(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The Digest header with a given client nonce and count (tests reproduce the RFC examples with it). */
    public String digestHeader(String method, String uri, String cnonce, int nc) {
        String realm = params.getOrDefault("realm", "");
        String nonce = params.get("nonce");
        String qop = null;
        if (params.containsKey("qop")) {
            for (String q : params.get("qop").split(",")) {
                if (q.trim().equalsIgnoreCase("auth")) {
                    qop = "auth";
                }
            }
        }
        String ncHex = String.format(Locale.ROOT, "%08x", nc);
        String response = Digest.response(algorithm, username, realm, password, method, uri, nonce, ncHex, cnonce, qop);
        StringBuilder sb = new StringBuilder("Digest ");
        sb.append("username=\"").append(quote(username)).append("\", realm=\"").append(quote(realm))
                .append("\", nonce=\"").append(quote(nonce)).append("\", uri=\"").append(quote(uri))
                .append("\", response=\"").append(response).append('"');
        if (params.containsKey("algorithm")) {
            sb.append(", algorithm=").append(algorithm.token());
        }
        if (qop != null) {
            sb.append(", qop=").append(qop).append(", nc=").append(ncHex).append(", cnonce=\"").append(cnonce).append('"');
        }
        if (params.containsKey("opaque")) {
            sb.append(", opaque=\"").append(quote(params.get("opaque"))).append('"');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
