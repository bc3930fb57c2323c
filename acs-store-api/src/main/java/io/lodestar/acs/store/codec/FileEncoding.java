package io.lodestar.acs.store.codec;

import io.lodestar.acs.store.StoredFile;

import java.util.ArrayList;
import java.util.List;

/**
 * A stored file's metadata, format byte included, as both stores write it (the embedded store's metadata file,
 * the Cassandra store's {@code files.record} blob). Format {@link #V1}: the format byte, then id, name, file
 * type, version, the OUIs and the product classes (each an int count then the strings), the uploading device
 * (null for an operator's file), size, SHA-256 (hex), createdAt, with {@link BinaryWriter}'s primitives.
 */
public final class FileEncoding {

    /** The format this version writes. */
    public static final byte V1 = 1;

    private FileEncoding() {}

    public static byte[] encode(StoredFile f) {
        BinaryWriter w = new BinaryWriter(256);
        w.b(V1);
        w.str(f.id());
        w.str(f.name());
        w.str(f.fileType());
        w.str(f.version());
        strings(w, f.ouis());
        strings(w, f.productClasses());
        w.str(f.device());
        w.l(f.size());
        w.str(f.sha256());
        w.instant(f.createdAt());
        return w.bytes();
    }

    public static StoredFile decode(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes, "stored file");
        if (r.version() != V1) {
            throw r.unknownVersion();
        }
        try {
            return new StoredFile(r.str(), r.str(), r.str(), r.str(), strings(r), strings(r), r.str(), r.l(), r.str(),
                    r.instant());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw r.corrupt("stored file with bad metadata: " + e.getMessage());
        }
    }

    private static void strings(BinaryWriter w, List<String> values) {
        w.i(values.size());
        values.forEach(w::str);
    }

    private static List<String> strings(BinaryReader r) {
        int n = r.count();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.str());
        }
        return out;
    }
}
