package io.lodestar.acs.store.embedded;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.task.TaskId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The key layout of the embedded store. Text (device ids, parameter paths) is written in an
 * order-preserving form: every UTF-16 code unit as one to three bytes in the manner of UTF-8 (CESU-8), with
 * the bytes 0x00 and 0x01 escaped as {@code 01 01} and {@code 01 02}. The encoded text therefore contains
 * no 0x00, byte order equals {@link String#compareTo} order, and {@code 0x00} can end a device id so that
 * all keys of one device lie in {@code [device 00, device 01)}. For ASCII text the encoding is the text itself.
 *
 * <pre>
 * devices     device                         → Device record
 * parameters  device 00 path                 → Parameter record (path order)
 * tasks       device 00 taskId               → Task record (queue order)
 * operations  device 00 taskId               → Operation record (start order)
 * task_index  taskId                         → device
 * informs     device 00 at(12) seq(8)        → InformRecord record (oldest first; read backwards)
 *             device 01                      → the device's history head (see HistoryFamily)
 * faults      device 00 at(12) seq(8)        → DeviceFault record
 *             device 01                      → the device's history head
 * parameter_index  path 00 value 00 device  → empty (one per indexed parameter with a value; value order,
 *                                             then device order)
 * tokens      id                             → ApiToken record (see TokenFamily)
 * connection_requests  device 00 'c' or 'a'  → credentials or last attempt (see ConnectionRequestFamily)
 * </pre>
 */
final class Keys {

    static final byte SEPARATOR = 0x00;
    /** Length of the time-ordered suffix of a history key: instant (12 bytes) and a per-device sequence (8). */
    static final int HISTORY_SUFFIX = 20;

    private Keys() {}

    /** The encoded device id, the key of the devices column family. */
    static byte[] device(DeviceId id) {
        return text(id.value());
    }

    /** The first key of a device's range in a per-device column family: {@code device 00}. */
    static byte[] deviceStart(byte[] device) {
        byte[] k = Arrays.copyOf(device, device.length + 1);
        k[device.length] = SEPARATOR;
        return k;
    }

    /** The exclusive end of a device's range: {@code device 01}. */
    static byte[] deviceEnd(byte[] device) {
        byte[] k = Arrays.copyOf(device, device.length + 1);
        k[device.length] = 0x01;
        return k;
    }

    static byte[] parameter(byte[] device, String path) {
        return concat(deviceStart(device), text(path));
    }

    /** The path of a parameters key, given the length of its {@code device 00} prefix. */
    static String parameterPath(byte[] key, int prefixLength) {
        return decodeText(key, prefixLength, key.length);
    }

    static byte[] task(byte[] device, TaskId id) {
        return concat(deviceStart(device), id.value().getBytes(StandardCharsets.US_ASCII));
    }

    /** An operation's key: its task's id in the device's range, like the task itself. */
    static byte[] operation(byte[] device, TaskId id) {
        return task(device, id);
    }

    static byte[] taskIndex(TaskId id) {
        return id.value().getBytes(StandardCharsets.US_ASCII);
    }

    /** The key of an indexed parameter's entry: {@code path 00 value 00 device}. */
    static byte[] indexEntry(String path, String value, byte[] device) {
        return concat(indexValuePrefix(path, value), device);
    }

    /** The prefix of the entries of every device whose {@code path} has {@code value}: {@code path 00 value 00}. */
    static byte[] indexValuePrefix(String path, String value) {
        byte[] p = indexPathPrefix(path);
        byte[] v = text(value);
        byte[] k = Arrays.copyOf(p, p.length + v.length + 1);
        System.arraycopy(v, 0, k, p.length, v.length);
        k[k.length - 1] = SEPARATOR;
        return k;
    }

    /** The prefix of every entry of one indexed path: {@code path 00}. */
    static byte[] indexPathPrefix(String path) {
        return deviceStart(text(path));
    }

    /** A history key (informs, faults): ordered by instant, then by a per-device sequence number. */
    static byte[] history(byte[] device, Instant at, long sequence) {
        byte[] start = deviceStart(device);
        byte[] k = Arrays.copyOf(start, start.length + HISTORY_SUFFIX);
        int i = start.length;
        putLong(k, i, at.getEpochSecond() ^ Long.MIN_VALUE);
        putInt(k, i + 8, at.getNano());
        putLong(k, i + 12, sequence ^ Long.MIN_VALUE);
        return k;
    }

    /**
     * The key of a device's history head: {@code device 01}, the end of the device's range. It lies in no
     * device's range, since every key of a range has a 00 byte after the device and encoded text has none.
     */
    static byte[] historyHead(byte[] device) {
        return deviceEnd(device);
    }

    /** The sequence number of a history key. */
    static long historySequence(byte[] key) {
        int i = key.length - 8;
        long v = 0;
        for (int j = 0; j < 8; j++) {
            v = (v << 8) | (key[i + j] & 0xff);
        }
        return v ^ Long.MIN_VALUE;
    }

    /** The smallest key greater than every key that starts with {@code prefix}. */
    static byte[] prefixEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        throw new IllegalArgumentException("no key follows a prefix of 0xff bytes");
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] k = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, k, a.length, b.length);
        return k;
    }

    /** Order-preserving, 0x00-free encoding of text (see the class comment). */
    static byte[] text(String s) {
        byte[] out = new byte[s.length() * 3];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x02) {
                out[n++] = 0x01;
                out[n++] = (byte) (c + 1);
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | (c >> 6));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            } else {
                out[n++] = (byte) (0xE0 | (c >> 12));
                out[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return Arrays.copyOf(out, n);
    }

    static String decodeText(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int b0 = b[i] & 0xff;
            if (b0 == 0x01) {
                s.append((char) ((b[i + 1] & 0xff) - 1));
                i += 2;
            } else if (b0 < 0x80) {
                s.append((char) b0);
                i += 1;
            } else if (b0 < 0xE0) {
                s.append((char) (((b0 & 0x1F) << 6) | (b[i + 1] & 0x3F)));
                i += 2;
            } else {
                s.append((char) (((b0 & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F)));
                i += 3;
            }
        }
        return s.toString();
    }

    private static void putLong(byte[] k, int at, long v) {
        for (int j = 7; j >= 0; j--) {
            k[at + j] = (byte) v;
            v >>>= 8;
        }
    }

    private static void putInt(byte[] k, int at, int v) {
        for (int j = 3; j >= 0; j--) {
            k[at + j] = (byte) v;
            v >>>= 8;
        }
    }
}
