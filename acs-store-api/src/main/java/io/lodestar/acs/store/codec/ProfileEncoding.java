package io.lodestar.acs.store.codec;

import io.lodestar.acs.store.ProfileStatusReport;
import io.lodestar.acs.store.StoredProfileTemplate;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Stored profile templates and status reports, format byte included, as both stores write them (the embedded
 * store's values in {@code profiles}, the Cassandra store's {@code record} blobs). Format {@link #V1}: the format
 * byte, then the fields in record order with {@link BinaryWriter}'s primitives (a status report's body as base64
 * text, the writer having no byte-array primitive).
 */
public final class ProfileEncoding {

    public static final byte V1 = 1;

    private ProfileEncoding() {}

    public static byte[] encode(StoredProfileTemplate t) {
        BinaryWriter w = new BinaryWriter(256 + t.text().length());
        w.b(V1);
        w.str(t.name());
        w.str(t.path());
        w.str(t.contentType());
        w.str(t.encryption());
        w.str(t.keyScope());
        w.str(t.text());
        w.instant(t.updatedAt());
        return w.bytes();
    }

    public static StoredProfileTemplate decodeTemplate(byte[] bytes) {
        return template(new BinaryReader(bytes, "profile template"));
    }

    public static StoredProfileTemplate decodeTemplate(ByteBuffer bytes) {
        return template(new BinaryReader(bytes, "profile template"));
    }

    private static StoredProfileTemplate template(BinaryReader r) {
        if (r.version() != V1) {
            throw r.unknownVersion();
        }
        try {
            return new StoredProfileTemplate(r.str(), r.str(), r.str(), r.str(), r.str(), r.str(), r.instant());
        } catch (RuntimeException e) {
            throw r.corrupt("a profile template that does not hold: " + e.getMessage());
        }
    }

    public static byte[] encode(ProfileStatusReport report) {
        byte[] body = report.body();
        BinaryWriter w = new BinaryWriter(64 + body.length * 4 / 3);
        w.b(V1);
        w.str(report.template());
        w.instant(report.at());
        w.str(Base64.getEncoder().encodeToString(body));
        return w.bytes();
    }

    public static ProfileStatusReport decodeReport(byte[] bytes) {
        return report(new BinaryReader(bytes, "profile status report"));
    }

    public static ProfileStatusReport decodeReport(ByteBuffer bytes) {
        return report(new BinaryReader(bytes, "profile status report"));
    }

    private static ProfileStatusReport report(BinaryReader r) {
        if (r.version() != V1) {
            throw r.unknownVersion();
        }
        try {
            return new ProfileStatusReport(r.str(), r.instant(), Base64.getDecoder().decode(r.str()));
        } catch (RuntimeException e) {
            throw r.corrupt("a profile status report that does not hold: " + e.getMessage());
        }
    }
}
