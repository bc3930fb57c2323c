package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.TupleValue;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.InformRecord;
import io.lodestar.acs.core.fault.DeviceFault;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.task.TaskId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The bounded histories, {@code informs} and {@code faults}: rows keyed (newest first) by the record's instant
 * in milliseconds, the nanoseconds within it, and {@code seq}, which is the commit's write timestamp times 1024
 * plus the record's position in the commit. So {@code seq} grows from commit to commit and orders records that
 * share an instant as they were added, and every key is unique.
 */
final class Histories {

    /** A history row's key. */
    record Key(Instant millis, int nanos, long seq) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::millis)
                .thenComparingInt(Key::nanos).thenComparingLong(Key::seq);

        static Key of(Row r) {
            return new Key(r.getInstant("at"), r.getInt("at_nanos"), r.getLong("seq"));
        }

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    private static final int PER_COMMIT = 1024;

    private final Statements st;

    Histories(Statements st) {
        this.st = st;
    }

    // ---- informs ----------------------------------------------------------------------------------------

    InformRecord inform(DeviceId id, Row r) {
        List<EventStruct> events = new ArrayList<>();
        for (TupleValue t : r.getList("events", TupleValue.class)) {
            events.add(new EventStruct(t.getString(0), t.getString(1)));
        }
        return new InformRecord(id, r.getInstant("at").plusNanos(r.getInt("at_nanos")), events,
                r.getString("remote_address"), r.getInt("retry_count"));
    }

    /**
     * Adds informs to the batch, against the newest stored rows ({@link Statements#selectInforms}) when
     * {@code prune}, else against the stored rows at the one record's instant ({@link Statements#selectInformsAt}),
     * without pruning.
     */
    void addInforms(List<BatchableStatement<?>> batch, DeviceId id, List<Row> stored, List<InformRecord> records,
                    int keep, long ts, boolean prune) {
        add(batch, stored, records, keep, ts, prune, r -> inform(id, r), InformRecord::at, (i, k) -> {
            List<TupleValue> events = new ArrayList<>();
            for (EventStruct e : i.events()) {
                events.add(st.eventType.newValue(e.eventCode(), e.commandKey()));
            }
            BoundStatementBuilder b = st.insertInform.boundStatementBuilder()
                    .setString(0, id.value())
                    .setInstant(1, k.millis())
                    .setInt(2, k.nanos())
                    .setLong(3, k.seq())
                    .setList(4, events, TupleValue.class);
            if (i.remoteAddress() != null) {
                b.setString(5, i.remoteAddress());
            }
            return b.setInt(6, i.retryCount()).setLong(7, ts).setIdempotence(true).build();
        }, k -> st.pruneInforms.bind(ts, id.value(), k.millis(), k.nanos(), k.seq()));
    }

    // ---- faults -----------------------------------------------------------------------------------------

    DeviceFault fault(DeviceId id, Row r) {
        String task = r.getString("task_id");
        return new DeviceFault(id, task == null ? null : new TaskId(task), r.getString("method"), r.getInt("code"),
                r.getString("message"), r.getInstant("at").plusNanos(r.getInt("at_nanos")));
    }

    /** Adds faults to the batch, against the newest stored rows ({@link Statements#selectFaults}). */
    void addFaults(List<BatchableStatement<?>> batch, DeviceId id, List<Row> stored, List<DeviceFault> records,
                   int keep, long ts) {
        add(batch, stored, records, keep, ts, true, r -> fault(id, r), DeviceFault::at, (f, k) -> {
            BoundStatementBuilder b = st.insertFault.boundStatementBuilder()
                    .setString(0, id.value())
                    .setInstant(1, k.millis())
                    .setInt(2, k.nanos())
                    .setLong(3, k.seq());
            if (f.taskId() != null) {
                b.setString(4, f.taskId().value());
            }
            if (f.method() != null) {
                b.setString(5, f.method());
            }
            b.setInt(6, f.code());
            if (f.message() != null) {
                b.setString(7, f.message());
            }
            return b.setLong(8, ts).setIdempotence(true).build();
        }, k -> st.pruneFaults.bind(ts, id.value(), k.millis(), k.nanos(), k.seq()));
    }

    // ---- the rule -----------------------------------------------------------------------------------------

    /** The newest {@code keep} records (of two with one instant, the later in the list), in list order. */
    private static <T> List<T> newest(List<T> records, Function<T, Instant> at, int keep) {
        boolean[] kept = new boolean[records.size()];
        IntStream.range(0, records.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> at.apply(records.get(i))).thenComparing(i -> i).reversed())
                .limit(keep)
                .forEach(i -> kept[i] = true);
        List<T> out = new ArrayList<>(keep);
        for (int i = 0; i < records.size(); i++) {
            if (kept[i]) {
                out.add(records.get(i));
            }
        }
        return out;
    }

    /**
     * A record equal to one stored (or added before in this commit) is not added again: commits are idempotent.
     * Of stored and new records the newest {@code keep} survive; the older ones go with one range delete below
     * the oldest kept (which also takes rows older than those read, if an earlier prune failed or was skipped).
     * Without {@code prune} the range delete is left out (the rows read are then not the newest {@code keep}).
     */
    private static <T> void add(List<BatchableStatement<?>> batch, List<Row> storedRows, List<T> records, int keep,
                                long ts, boolean prune, Function<Row, T> decode, Function<T, Instant> at,
                                BiFunction<T, Key, BoundStatement> write, Function<Key, BoundStatement> pruneBelow) {
        if (records.isEmpty()) {
            return;
        }
        if (keep < 1 || keep > PER_COMMIT) {
            throw new IllegalArgumentException("a history keeps 1 to " + PER_COMMIT + " records");
        }
        record Entry<T>(Key key, T record, boolean added) {}
        List<Entry<T>> all = new ArrayList<>();
        Set<T> seen = new HashSet<>();
        for (Row r : storedRows) {
            T rec = decode.apply(r);
            all.add(new Entry<>(Key.of(r), rec, false));
            seen.add(rec);
        }
        List<T> fresh = new ArrayList<>();
        for (T rec : records) {
            Objects.requireNonNull(at.apply(rec), "a history record needs its instant");
            if (!seen.contains(rec)) {
                seen.add(rec);
                fresh.add(rec);
            }
        }
        if (fresh.size() > keep) {
            fresh = newest(fresh, at, keep); // only those can survive
        }
        for (int position = 0; position < fresh.size(); position++) {
            T rec = fresh.get(position);
            Instant when = at.apply(rec);
            all.add(new Entry<>(new Key(Instant.ofEpochMilli(when.toEpochMilli()), when.getNano() % 1_000_000,
                    ts * PER_COMMIT + position), rec, true));
        }
        all.sort(Comparator.comparing((Entry<T> e) -> e.key()).reversed());
        for (int i = 0; i < all.size() && i < keep; i++) {
            Entry<T> e = all.get(i);
            if (e.added()) {
                batch.add(write.apply(e.record(), e.key()));
            }
        }
        if (prune && all.size() > keep) {
            batch.add(pruneBelow.apply(all.get(keep - 1).key()));
        }
    }
}
