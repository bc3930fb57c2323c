package io.lodestar.acs.store.codec;

import io.lodestar.acs.core.access.CpeCredential;

import java.nio.ByteBuffer;

/**
 * Stored CPE credentials, format byte included, as both stores write them (the embedded store's value in
 * {@code cpe_credentials}, the Cassandra store's {@code cpe_credentials.record} blob). Format {@link #V1}: the
 * format byte, then username, realm, MD5 HA1, SHA-256 HA1 (hex text) and setAt, with {@link BinaryWriter}'s
 * primitives. {@code CpeCredentialEncodingTest} pins format 1 byte for byte.
 */
public final class CpeCredentialEncoding {

    public static final byte V1 = 1;

    private CpeCredentialEncoding() {}

    public static byte[] encode(CpeCredential c) {
        BinaryWriter w = new BinaryWriter(160);
        w.b(V1);
        w.str(c.username());
        w.str(c.realm());
        w.str(c.md5Ha1());
        w.str(c.sha256Ha1());
        w.instant(c.setAt());
        return w.bytes();
    }

    public static CpeCredential decode(byte[] bytes) {
        return read(new BinaryReader(bytes, "CPE credentials"));
    }

    /** Reads from the buffer's position to its limit; the buffer is not moved. */
    public static CpeCredential decode(ByteBuffer bytes) {
        return read(new BinaryReader(bytes, "CPE credentials"));
    }

    private static CpeCredential read(BinaryReader r) {
        if (r.version() != V1) {
            throw r.unknownVersion();
        }
        String username = r.str();
        String realm = r.str();
        String md5 = r.str();
        String sha256 = r.str();
        java.time.Instant setAt = r.instant();
        try {
            return new CpeCredential(username, realm, md5, sha256, setAt);
        } catch (RuntimeException e) {
            throw r.corrupt("CPE credentials that do not hold: " + e.getMessage());
        }
    }
}
