package io.lodestar.acs.sim.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers an ACS's HTTP authentication challenge (TR-069 3.4.4): Basic, or Digest (RFC 2617 / 7616: MD5,
 * MD5-sess, SHA-256, qop auth or none). Once challenged, every later request of the session carries the
 * Authorization header, with a fresh nonce count for Digest.
 */
final class HttpAuth {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String username;
    private final String password;
    private final boolean digest;
    private final Map<String, String> params;
    private int nonceCount;

    private HttpAuth(String username, String password, boolean digest, Map<String, String> params) {
        this.username = username;
        this.password = password;
        this.digest = digest;
        this.params = params;
    }

    /** The scheme to answer the challenges with (Digest preferred), or null when none is supported. */
    static HttpAuth fromChallenges(List<String> wwwAuthenticate, String username, String password) {
        HttpAuth basic = null;
        for (String challenge : wwwAuthenticate) {
            String c = challenge.trim();
            int space = c.indexOf(' ');
            String scheme = (space < 0 ? c : c.substring(0, space)).toLowerCase(Locale.ROOT);
            Map<String, String> params = space < 0 ? Map.of() : parseParams(c.substring(space + 1));
            if (scheme.equals("digest") && params.containsKey("nonce") && algorithmOf(params) != null) {
                return new HttpAuth(username, password, true, params);
            }
            if (scheme.equals("basic")) {
                basic = new HttpAuth(username, password, false, params);
            }
        }
        return basic;
    }

    /** {@code key=value} or {@code key="quoted, value"} pairs separated by commas. */
    static Map<String, String> parseParams(String s) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < n && s.charAt(i) != ',') {
                    value.append(s.charAt(i++));
                }
            }
            out.put(key, value.toString().trim());
        }
        return out;
    }

    private static String algorithmOf(Map<String, String> params) {
        String a = params.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
        return switch (a) {
            case "MD5", "MD5-SESS" -> "MD5";
            case "SHA-256", "SHA-256-SESS" -> "SHA-256";
            default -> null;
        };
    }

    /** The Authorization header for the next request. */
    String header(String method, String uri) {
        if (!digest) {
            return "Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        byte[] raw = new byte[8];
        RANDOM.nextBytes(raw);
        return digestHeader(method, uri, HexFormat.of().formatHex(raw), ++nonceCount);
    }

    String digestHeader(String method, String uri, String cnonce, int nc) {
        String realm = params.getOrDefault("realm", "");
        String nonce = params.get("nonce");
        String algorithmName = params.getOrDefault("algorithm", "MD5");
        String qop = null;
        if (params.containsKey("qop")) {
            for (String q : params.get("qop").split(",")) {
                if (q.trim().equalsIgnoreCase("auth")) {
                    qop = "auth";
                }
            }
        }
        String ncHex = String.format(Locale.ROOT, "%08x", nc);
        String response = digestResponse(algorithmName, username, realm, password, method, uri, nonce, ncHex, cnonce, qop);
        StringBuilder sb = new StringBuilder("Digest ");
        sb.append("username=\"").append(username).append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri)
                .append("\", response=\"").append(response).append('"');
        if (params.containsKey("algorithm")) {
            sb.append(", algorithm=").append(algorithmName);
        }
        if (qop != null) {
            sb.append(", qop=").append(qop).append(", nc=").append(ncHex).append(", cnonce=\"").append(cnonce).append('"');
        }
        if (params.containsKey("opaque")) {
            sb.append(", opaque=\"").append(params.get("opaque")).append('"');
        }
        return sb.toString();
    }

    /**
     * The Digest {@code response} value (RFC 2617 / 7616), for either end: the client computing it, the
     * connection-request server checking it.
     */
    static String digestResponse(String algorithmName, String username, String realm, String password, String method,
                                 String uri, String nonce, String ncHex, String cnonce, String qop) {
        String algorithm = algorithmOf(Map.of("algorithm", algorithmName == null ? "MD5" : algorithmName));
        if (algorithm == null) {
            return null;
        }
        String ha1 = hash(algorithm, username + ":" + realm + ":" + password);
        if (algorithmName != null && algorithmName.toLowerCase(Locale.ROOT).endsWith("-sess")) {
            ha1 = hash(algorithm, ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = hash(algorithm, method + ":" + uri);
        return qop == null ? hash(algorithm, ha1 + ":" + nonce + ":" + ha2)
                : hash(algorithm, ha1 + ":" + nonce + ":" + ncHex + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    private static String hash(String algorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
