package io.lodestar.acs.core.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An operator's API token as the ACS keeps it: never the secret itself, only its hash, so that a store dump does
 * not hand out access. The bearer string given once to the operator carries the id (to find the record) and
 * the secret (checked against {@code secretHash} in constant time).
 *
 * @param id         public identifier, unique, URL-safe
 * @param name       what the operator called it (e.g. "oss-integration")
 * @param scopes     what it may do
 * @param secretHash SHA-256 of the secret (the secret is 256 random bits, so a fast hash suffices)
 * @param createdAt  when it was created
 * @param expiresAt  when it stops working, or null for never
 * @param revokedAt  when it was revoked, or null while valid
 */
public record ApiToken(String id, String name, Set<TokenScope> scopes, byte[] secretHash, Instant createdAt,
                       Instant expiresAt, Instant revokedAt) {

    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        scopes = Set.copyOf(scopes);
        secretHash = secretHash.clone();
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public byte[] secretHash() {
        return secretHash.clone();
    }

    /** Whether the token may be used at {@code now}: not revoked, not expired. */
    public boolean isValidAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** Whether it grants {@code scope}: admin grants everything, write grants read. */
    public boolean grants(TokenScope scope) {
        return scopes.stream().anyMatch(s -> s.includes(scope));
    }

    public ApiToken revoked(Instant now) {
        return new ApiToken(id, name, scopes, secretHash, createdAt, expiresAt, revokedAt == null ? now : revokedAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiToken t && id.equals(t.id) && name.equals(t.name) && scopes.equals(t.scopes)
                && java.util.Arrays.equals(secretHash, t.secretHash) && createdAt.equals(t.createdAt)
                && Objects.equals(expiresAt, t.expiresAt) && Objects.equals(revokedAt, t.revokedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, scopes, java.util.Arrays.hashCode(secretHash), createdAt, expiresAt, revokedAt);
    }

    @Override
    public String toString() {
        return "ApiToken[id=" + id + ", name=" + name + ", scopes=" + scopes + ", createdAt=" + createdAt
                + ", expiresAt=" + expiresAt + ", revokedAt=" + revokedAt + "]"; // never the hash
    }
}
