package io.lodestar.acs.httpauth;

/**
 * The Digest {@code response} value (RFC 7616 section 3.4.1, and RFC 2617 without qop), the same computation
 * for both ends: the client answering a challenge and the server checking the answer.
 */
public final class Digest {

    private Digest() {
    }

    /** H(username:realm:password): what a server may keep instead of the password. */
    public static String ha1(DigestAlgorithm algorithm, String username, String realm, String password) {
        return algorithm.hash(username + ":" + realm + ":" + password);
    }

    /**
     * @param ha1   {@link #ha1} of the credentials
     * @param ncHex the nonce count as 8 hex digits (ignored without qop)
     * @param qop   {@code auth}, or null for the RFC 2069 form
     */
    public static String response(DigestAlgorithm algorithm, String ha1, String method, String uri, String nonce,
                                  String ncHex, String cnonce, String qop) {
        String sessionHa1 = algorithm.isSession() ? algorithm.hash(ha1 + ":" + nonce + ":" + cnonce) : ha1;
        String ha2 = algorithm.hash(method + ":" + uri);
        return qop == null ? algorithm.hash(sessionHa1 + ":" + nonce + ":" + ha2)
                : algorithm.hash(sessionHa1 + ":" + nonce + ":" + ncHex + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** The response computed from the password. */
    public static String response(DigestAlgorithm algorithm, String username, String realm, String password,
                                  String method, String uri, String nonce, String ncHex, String cnonce, String qop) {
        return response(algorithm, ha1(algorithm, username, realm, password), method, uri, nonce, ncHex, cnonce, qop);
    }

    /** Compares two hex strings in time independent of where they differ. */
    public static boolean sameHex(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return java.security.MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                b.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
