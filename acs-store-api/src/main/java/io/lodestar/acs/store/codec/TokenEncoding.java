package io.lodestar.acs.store.codec;

import io.lodestar.acs.core.access.ApiToken;
import io.lodestar.acs.core.access.TokenScope;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A stored API token, format byte included, as both stores write it (the embedded store's value in
 * {@code tokens}, the Cassandra store's {@code api_tokens.record} blob): the same bytes by construction. It holds
 * the secret's hash only, never the secret (see {@link ApiToken}). Format {@link #V1}: the format byte, then id,
 * name, the scopes (an int count, then each scope by its name, in {@link TokenScope} order), the secret hash (an
 * int length and the bytes as they are), createdAt, expiresAt, revokedAt, with {@link BinaryWriter}'s
 * primitives. Scopes are written by name, never {@code ordinal()}, so scopes added later need no new format; a
 * reader that meets an unknown format or scope fails loudly. {@code TokenEncodingTest} pins format 1 byte for
 * byte: a change here is a new format byte, not an edit.
 */
public final class TokenEncoding {

    /** The format this version writes. */
    public static final byte V1 = 1;

    private TokenEncoding() {}

    public static byte[] encode(ApiToken t) {
        BinaryWriter w = new BinaryWriter(128);
        write(w, t);
        return w.bytes();
    }

    /** Appends the format byte and the token. */
    public static void write(BinaryWriter w, ApiToken t) {
        w.b(V1);
        w.str(t.id());
        w.str(t.name());
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        scopes.addAll(t.scopes());
        w.i(scopes.size());
        for (TokenScope s : scopes) {
            w.str(s.name());
        }
        byte[] hash = t.secretHash();
        w.i(hash.length);
        for (byte b : hash) {
            w.b(b);
        }
        w.instant(t.createdAt());
        w.instant(t.expiresAt());
        w.instant(t.revokedAt());
    }

    public static ApiToken decode(byte[] bytes) {
        return read(new BinaryReader(bytes, "API token"));
    }

    /** Reads from the buffer's position to its limit; the buffer is not moved. */
    public static ApiToken decode(ByteBuffer bytes) {
        return read(new BinaryReader(bytes, "API token"));
    }

    public static ApiToken read(BinaryReader r) {
        if (r.version() != V1) {
            throw r.unknownVersion();
        }
        String id = required(r, r.str(), "id");
        String name = required(r, r.str(), "name");
        int scopeCount = r.count();
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        for (int i = 0; i < scopeCount; i++) {
            scopes.add(readScope(r));
        }
        byte[] hash = new byte[r.count()];
        for (int i = 0; i < hash.length; i++) {
            hash[i] = r.b();
        }
        Instant createdAt = required(r, r.instant(), "creation time");
        Instant expiresAt = r.instant();
        Instant revokedAt = r.instant();
        return new ApiToken(id, name, scopes, hash, createdAt, expiresAt, revokedAt);
    }

    private static <T> T required(BinaryReader r, T value, String what) {
        if (value == null) {
            throw r.corrupt("API token without its " + what);
        }
        return value;
    }

    private static TokenScope readScope(BinaryReader r) {
        String name = r.str();
        for (TokenScope s : TokenScope.values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw r.corrupt("unknown token scope " + name + " (written by a newer version?)");
    }
}
