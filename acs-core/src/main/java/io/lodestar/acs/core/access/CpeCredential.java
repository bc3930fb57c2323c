package io.lodestar.acs.core.access;

import java.time.Instant;
import java.util.Objects;

/**
 * The HTTP credentials a CPE must present to the ACS, as the ACS keeps them: never the password, only the
 * Digest HA1, {@code H(username:realm:password)}, once per algorithm the ACS offers (MD5 and SHA-256). Digest
 * responses are checked against the HA1 directly; Basic by computing the HA1 of the presented password. A store
 * dump therefore holds no password, only values as good as a password for this realm (RFC 7616 section 5.3),
 * which is why the realm is the ACS's own.
 *
 * @param username  the user the CPE sends (ManagementServer.Username); no ':' (Basic could not carry it)
 * @param realm     the Digest realm the hashes were computed for
 * @param md5Ha1    MD5 HA1, 32 lower-case hex digits
 * @param sha256Ha1 SHA-256 HA1, 64 lower-case hex digits
 * @param setAt     when the credentials were set
 */
public record CpeCredential(String username, String realm, String md5Ha1, String sha256Ha1, Instant setAt) {

    /** Longest user name or realm accepted (CPE data models allow 256 characters). */
    public static final int MAX_LENGTH = 256;

    public CpeCredential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(setAt, "setAt");
        if (username.isEmpty() || username.length() > MAX_LENGTH || username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a CPE user name has 1 to " + MAX_LENGTH + " characters and no ':'");
        }
        if (realm.isEmpty() || realm.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a realm has 1 to " + MAX_LENGTH + " characters");
        }
        if (!isHex(md5Ha1, 32)) {
            throw new IllegalArgumentException("an MD5 HA1 is 32 lower-case hex digits");
        }
        if (!isHex(sha256Ha1, 64)) {
            throw new IllegalArgumentException("a SHA-256 HA1 is 64 lower-case hex digits");
        }
    }

    private static boolean isHex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Without the hashes: they are as good as a password in this realm. */
    @Override
    public String toString() {
        return "CpeCredential[username=" + username + ", realm=" + realm + ", setAt=" + setAt + "]";
    }
}
