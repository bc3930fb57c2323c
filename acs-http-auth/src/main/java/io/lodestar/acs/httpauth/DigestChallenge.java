package io.lodestar.acs.httpauth;

/** The {@code WWW-Authenticate} values a server sends (RFC 7616 section 3.3, RFC 7617 section 2). */
public final class DigestChallenge {

    private DigestChallenge() {
    }

    /**
     * A Digest challenge with {@code qop="auth"}.
     *
     * @param stale true when the client's nonce had expired (its credentials may well be right: retry without
     *              asking the user)
     */
    public static String digest(String realm, String nonce, DigestAlgorithm algorithm, boolean stale) {
        StringBuilder sb = new StringBuilder("Digest realm=\"").append(quote(realm)).append("\", qop=\"auth\", algorithm=")
                .append(algorithm.token()).append(", nonce=\"").append(quote(nonce)).append('"');
        if (stale) {
            sb.append(", stale=true");
        }
        return sb.toString();
    }

    public static String basic(String realm) {
        return "Basic realm=\"" + quote(realm) + "\", charset=\"UTF-8\"";
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
