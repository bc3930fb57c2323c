package io.lodestar.acs.store.embedded;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A per-device history column family (informs, faults): records keyed {@code device 00 at(12) seq(8)}, the
 * newest {@code keep} of them visible, and beside them one <em>head</em> per device at {@code device 01} (outside
 * every device's range, so a scan of the records never meets it) saying how many records the device has, its last
 * sequence number, its oldest key and its newest instant.
 *
 * <p>Why the head: a periodic session appends one Inform, and without the head every append had to read the whole
 * history to find the next sequence number and the records to prune, stepping over the tombstones of every record
 * pruned before it (a fifth of the ACS's CPU in a plain periodic session on the embedded store). With it, an append whose instant is
 * newer than the newest stored one is a point read of the head and two puts. The history is pruned in steps: once
 * it holds {@code keep + keep / 5} records, the oldest are deleted down to {@code keep}, reading from the oldest
 * live key (so the tombstones of earlier prunes, which all lie before it, are not read again). Readers never show
 * more than {@code keep}. The head changes in the commit's batch, so it is exact across a crash; a device without a
 * head (a store written before it) gets one at its next append, from a scan of its records.
 */
final class HistoryFamily<T> {

    /** {@code lastSequence(8) count(4) oldestSuffix(20) newestSuffix(20)}. */
    private static final int HEAD_LENGTH = 8 + 4 + 2 * Keys.HISTORY_SUFFIX;
    private static final int INSTANT_LENGTH = 12;

    private final RocksDB db;
    private final ColumnFamilyHandle cf;
    private final int keep;
    private final int pruneAt;
    private final Function<T, Instant> at;
    private final Function<T, byte[]> encode;
    private final Function<byte[], T> decode;

    HistoryFamily(RocksDB db, ColumnFamilyHandle cf, int keep, Function<T, Instant> at, Function<T, byte[]> encode,
                  Function<byte[], T> decode) {
        if (keep < 1) {
            throw new IllegalArgumentException("a history keeps at least one record");
        }
        this.db = db;
        this.cf = cf;
        this.keep = keep;
        this.pruneAt = keep + Math.max(1, keep / 5);
        this.at = at;
        this.encode = encode;
        this.decode = decode;
    }

    /**
     * Adds to a commit's batch the device's new records (a record equal to a stored one, same instant and same
     * content, is kept once: commits are idempotent), the pruning they make due and the new head. Reads what was
     * stored before the batch, so it runs under the device's lock, before the batch is written.
     */
    void append(WriteBatch batch, ReadOptions ro, byte[] dev, List<T> records) throws RocksDBException {
        List<byte[]> values = new ArrayList<>(records.size());
        List<Instant> instants = new ArrayList<>(records.size());
        for (T r : records) {
            instants.add(Objects.requireNonNull(at.apply(r), "a history record needs its instant"));
            values.add(encode.apply(r));
        }
        byte[] headKey = Keys.historyHead(dev);
        Head head = Head.decode(db.get(cf, ro, headKey), dev);
        boolean newerThanStored = false;
        if (head != null) {
            byte[] newestStored = head.newestInstant();
            newerThanStored = instants.stream()
                    .allMatch(i -> Arrays.compareUnsigned(instantBytes(dev, i), newestStored) > 0);
        }
        Head next = newerThanStored && head.count() + records.size() < pruneAt
                ? appendWithoutReading(batch, dev, head, instants, values)
                : appendAfterScan(batch, ro, dev, head, instants, values);
        batch.put(cf, headKey, next.encode());
    }

    /** Appends records newer than every stored one, which therefore can repeat none of them. */
    private Head appendWithoutReading(WriteBatch batch, byte[] dev, Head head, List<Instant> instants,
                                      List<byte[]> values) throws RocksDBException {
        long sequence = head.lastSequence();
        byte[] oldest = head.oldest();
        byte[] newest = head.newest();
        int count = head.count();
        for (int i = 0; i < values.size(); i++) {
            if (repeatsAnEarlier(values, i)) {
                continue;
            }
            byte[] k = Keys.history(dev, instants.get(i), ++sequence);
            batch.put(cf, k, values.get(i));
            count++;
            oldest = oldest == null || Keys.compare(k, oldest) < 0 ? k : oldest;
            newest = newest == null || Keys.compare(k, newest) > 0 ? k : newest;
        }
        return new Head(sequence, count, oldest, newest);
    }

    /**
     * Reads the stored records from the oldest (the whole range for a device without a head), skips the new ones
     * that repeat one of them and prunes the history down to {@code keep}.
     */
    private Head appendAfterScan(WriteBatch batch, ReadOptions ro, byte[] dev, Head head, List<Instant> instants,
                                 List<byte[]> values) throws RocksDBException {
        int instantAt = Keys.deviceStart(dev).length;
        byte[][] instantKeys = new byte[values.size()][];
        for (int i = 0; i < instantKeys.length; i++) {
            instantKeys[i] = Keys.history(dev, instants.get(i), 0);
        }
        boolean[] duplicate = new boolean[values.size()];
        List<byte[]> keys = new ArrayList<>();
        long sequence = head == null ? 0 : head.lastSequence();
        try (RocksIterator it = db.newIterator(cf, ro)) {
            byte[] to = Keys.deviceEnd(dev);
            byte[] from = head == null || head.oldest() == null ? Keys.deviceStart(dev) : head.oldest();
            for (it.seek(from); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (Keys.compare(key, to) >= 0) {
                    break;
                }
                keys.add(key);
                sequence = Math.max(sequence, Keys.historySequence(key));
                // only a stored record with a new one's instant can be equal to it: only those values are read
                byte[] value = null;
                for (int i = 0; i < instantKeys.length; i++) {
                    if (!duplicate[i] && Arrays.equals(key, instantAt, instantAt + INSTANT_LENGTH, instantKeys[i],
                            instantAt, instantAt + INSTANT_LENGTH)) {
                        value = value == null ? it.value() : value;
                        duplicate[i] = Arrays.equals(value, values.get(i));
                    }
                }
            }
            it.status();
        }
        Map<byte[], byte[]> added = new IdentityHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            if (duplicate[i] || repeatsAnEarlier(values, i)) {
                continue;
            }
            byte[] k = Keys.history(dev, instants.get(i), ++sequence);
            added.put(k, values.get(i));
            keys.add(k);
        }
        keys.sort(Keys::compare);
        int drop = Math.max(0, keys.size() - keep);
        for (int i = 0; i < keys.size(); i++) {
            byte[] k = keys.get(i);
            byte[] v = added.get(k);
            if (i < drop) {
                if (v == null) {
                    batch.delete(cf, k);
                }
            } else if (v != null) {
                batch.put(cf, k, v);
            }
        }
        if (keys.size() == drop) {
            return new Head(sequence, 0, null, null);
        }
        return new Head(sequence, keys.size() - drop, keys.get(drop), keys.get(keys.size() - 1));
    }

    /** Whether the {@code i}th of a commit's new records is equal to one before it (same instant, same content). */
    private static boolean repeatsAnEarlier(List<byte[]> values, int i) {
        for (int j = 0; j < i; j++) {
            if (Arrays.equals(values.get(j), values.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** The device's newest records, newest first, at most {@code limit} and never more than {@code keep}. */
    List<T> newestFirst(byte[] dev, int limit) throws RocksDBException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        int shown = Math.min(limit, keep);
        List<T> out = new ArrayList<>();
        if (shown == 0) {
            return out;
        }
        byte[] start = Keys.deviceStart(dev);
        byte[] end = Keys.deviceEnd(dev);
        try (ReadOptions ro = new ReadOptions(); RocksIterator it = db.newIterator(cf, ro)) {
            it.seekForPrev(end);
            if (it.isValid() && Keys.compare(it.key(), end) >= 0) {
                it.prev(); // the head (device 01) itself
            }
            for (; it.isValid() && out.size() < shown; it.prev()) {
                if (Keys.compare(it.key(), start) < 0) {
                    break;
                }
                out.add(decode.apply(it.value()));
            }
            it.status();
        }
        return out;
    }

    /** Adds to a batch the deletion of a device's whole history, its head with it. */
    void delete(WriteBatch batch, byte[] dev) throws RocksDBException {
        batch.deleteRange(cf, Keys.deviceStart(dev), Keys.deviceEnd(dev));
        batch.delete(cf, Keys.historyHead(dev));
    }

    private static byte[] instantBytes(byte[] dev, Instant instant) {
        byte[] k = Keys.history(dev, instant, 0);
        int from = k.length - Keys.HISTORY_SUFFIX;
        return Arrays.copyOfRange(k, from, from + INSTANT_LENGTH);
    }

    /** A device's head: {@code oldest} and {@code newest} are whole keys, null when the history is empty. */
    private record Head(long lastSequence, int count, byte[] oldest, byte[] newest) {

        /** The instant bytes of the newest key; all zero (older than any instant) for an empty history. */
        byte[] newestInstant() {
            if (newest == null) {
                return new byte[INSTANT_LENGTH];
            }
            int from = newest.length - Keys.HISTORY_SUFFIX;
            return Arrays.copyOfRange(newest, from, from + INSTANT_LENGTH);
        }

        byte[] encode() {
            ByteBuffer b = ByteBuffer.allocate(HEAD_LENGTH).putLong(lastSequence).putInt(count);
            if (count > 0) {
                b.put(suffix(oldest)).put(suffix(newest));
            }
            return b.array();
        }

        static Head decode(byte[] value, byte[] dev) {
            if (value == null) {
                return null;
            }
            if (value.length != HEAD_LENGTH) {
                throw new IllegalStateException("a history head of " + value.length + " bytes");
            }
            ByteBuffer b = ByteBuffer.wrap(value);
            long last = b.getLong();
            int count = b.getInt();
            if (count == 0) {
                return new Head(last, 0, null, null);
            }
            byte[] start = Keys.deviceStart(dev);
            byte[] oldest = Arrays.copyOf(start, start.length + Keys.HISTORY_SUFFIX);
            byte[] newest = Arrays.copyOf(start, start.length + Keys.HISTORY_SUFFIX);
            b.get(oldest, start.length, Keys.HISTORY_SUFFIX);
            b.get(newest, start.length, Keys.HISTORY_SUFFIX);
            return new Head(last, count, oldest, newest);
        }

        private static byte[] suffix(byte[] key) {
            return Arrays.copyOfRange(key, key.length - Keys.HISTORY_SUFFIX, key.length);
        }
    }
}
