package io.lodestar.acs.store.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Appends the stores' format-1 primitives to a growing buffer: big-endian ints and longs; strings as an int
 * byte length (-1 for null) and UTF-8 bytes; instants as a presence byte, epoch seconds (long) and nanos (int);
 * booleans as one byte (0, 1); optional booleans as one byte (0 null, 1 false, 2 true). Shared by both stores
 * so their records are written with one set of primitives; changing any of them changes every stored format.
 */
public final class BinaryWriter {

    private byte[] buf;
    private int n;

    public BinaryWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int more) {
        if (n + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
        }
    }

    public void b(byte v) {
        ensure(1);
        buf[n++] = v;
    }

    public void bool(boolean v) {
        b(v ? (byte) 1 : (byte) 0);
    }

    public void optBool(Boolean v) {
        b(v == null ? (byte) 0 : v ? (byte) 2 : (byte) 1);
    }

    public void i(int v) {
        ensure(4);
        buf[n++] = (byte) (v >>> 24);
        buf[n++] = (byte) (v >>> 16);
        buf[n++] = (byte) (v >>> 8);
        buf[n++] = (byte) v;
    }

    public void l(long v) {
        i((int) (v >>> 32));
        i((int) v);
    }

    public void str(String s) {
        if (s == null) {
            i(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        i(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, n, utf8.length);
        n += utf8.length;
    }

    public void instant(Instant t) {
        bool(t != null);
        if (t != null) {
            l(t.getEpochSecond());
            i(t.getNano());
        }
    }

    /** A copy of the bytes written so far. */
    public byte[] bytes() {
        return Arrays.copyOf(buf, n);
    }

    /** The bytes written so far, as a buffer over this writer's array (position 0, limit the length). */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(buf, 0, n).slice();
    }
}
