package io.lodestar.acs.store.codec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads what {@link BinaryWriter} writes. Every failure (too short, a bad length or count, an unknown tag) is an
 * {@link IllegalStateException} naming the record ("cannot read stored task: ..."), never a misread value.
 * Shared by both stores so their records are read with one set of primitives.
 */
public final class BinaryReader {

    private final ByteBuffer in;
    private final int start;
    private final String what;

    /** Reads {@code bytes} from its position to its limit; the caller's buffer is not moved. */
    public BinaryReader(ByteBuffer bytes, String what) {
        this.in = bytes.duplicate();
        this.start = in.position();
        this.what = what;
    }

    public BinaryReader(byte[] bytes, String what) {
        this(ByteBuffer.wrap(bytes), what);
    }

    /** The record's leading format byte. */
    public byte version() {
        return b();
    }

    /** The failure for a format byte this version cannot read. */
    public IllegalStateException unknownVersion() {
        return corrupt("unknown record format " + in.get(start) + " (written by a newer version?)");
    }

    /** Whether anything is left to read: for optional trailing fields, which older records lack. */
    public boolean hasMore() {
        return in.hasRemaining();
    }

    public IllegalStateException corrupt(String why) {
        return new IllegalStateException("cannot read stored " + what + ": " + why);
    }

    public byte b() {
        try {
            return in.get();
        } catch (BufferUnderflowException e) {
            throw corrupt("record too short");
        }
    }

    public boolean bool() {
        return b() != 0;
    }

    public Boolean optBool() {
        byte v = b();
        return v == 0 ? null : v == 2;
    }

    public int i() {
        try {
            return in.getInt();
        } catch (BufferUnderflowException e) {
            throw corrupt("record too short");
        }
    }

    /** An element count, refused when negative or larger than the bytes left (each element takes at least one). */
    public int count() {
        int c = i();
        if (c < 0 || c > in.remaining()) {
            throw corrupt("bad element count " + c);
        }
        return c;
    }

    public long l() {
        try {
            return in.getLong();
        } catch (BufferUnderflowException e) {
            throw corrupt("record too short");
        }
    }

    public String str() {
        int len = i();
        if (len == -1) {
            return null;
        }
        if (len < 0 || len > in.remaining()) {
            throw corrupt("bad string length " + len);
        }
        String s;
        if (in.hasArray()) {
            s = new String(in.array(), in.arrayOffset() + in.position(), len, StandardCharsets.UTF_8);
            in.position(in.position() + len);
        } else {
            byte[] utf8 = new byte[len];
            in.get(utf8);
            s = new String(utf8, StandardCharsets.UTF_8);
        }
        return s;
    }

    public Instant instant() {
        return bool() ? Instant.ofEpochSecond(l(), i()) : null;
    }
}
