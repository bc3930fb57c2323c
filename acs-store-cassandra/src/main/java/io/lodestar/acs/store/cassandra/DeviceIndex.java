package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.store.DeviceQuery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * {@code device_index}: every device in id order, in {@value #SHARDS} shards, with the fields searches
 * filter on (indexed by Storage-Attached Indexes). Cassandra orders partitions by token, not by key, so a
 * listing in id order reads each shard's slice after the cursor (rows of a partition are in clustering
 * order, also under an indexed filter) and merges the shards' slices.
 *
 * <p>The index only names candidates: the store reads each candidate's summary and decides with
 * {@link DeviceQuery#matches} (the index keeps milliseconds where the summary keeps nanoseconds, and it may lag
 * the summary after a crash until the device is next read, see {@code devices.index_pending}).
 *
 * <p>Order: Cassandra compares text as UTF-8 bytes, i.e. by code point. That is {@link String#compareTo}
 * order for every id without characters above U+FFFF (every id Lodestar derives from a DeviceId, which is
 * percent-encoded ASCII); for others the listing is in code point order, consistently from page to page.
 */
final class DeviceIndex {

    /** Fixed by the schema: changing it needs a migration that moves every row. */
    static final int SHARDS = 32;

    /** Cassandra's order of text: by code point (the order of UTF-8 bytes). */
    static final Comparator<String> ORDER = DeviceIndex::compareCodePoints;

    private final CqlSession session;
    private final String ks;
    private final Statements st;
    private final Map<String, CompletionStage<PreparedStatement>> searches = new ConcurrentHashMap<>();

    DeviceIndex(CqlSession session, String ks, Statements st) {
        this.session = session;
        this.ks = ks;
        this.st = st;
    }

    /** The shard of a device: CRC-32 of its UTF-8 id, modulo {@value #SHARDS}. */
    static int shard(DeviceId id) {
        CRC32 crc = new CRC32();
        crc.update(id.value().getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % SHARDS);
    }

    /**
     * Writes the summary's searchable fields. A field that is null now is written as null (a tombstone) only
     * when {@code previous} had it or is unknown (null), so that ordinary commits leave no tombstones.
     */
    BoundStatement upsert(Device device, Device previous, long timestamp) {
        BoundStatementBuilder b = st.insertIndex.boundStatementBuilder()
                .setInt(0, shard(device.id()))
                .setString(1, device.id().value());
        text(b, 2, productClass(device), previous == null ? null : productClass(previous), previous == null);
        text(b, 3, device.softwareVersion(), previous == null ? null : previous.softwareVersion(), previous == null);
        Instant inform = millis(device.lastInformAt());
        if (inform != null) {
            b.setInstant(4, inform);
        } else if (previous == null || previous.lastInformAt() != null) {
            b.setToNull(4);
        }
        return b.setLong(5, timestamp).setIdempotence(true).build();
    }

    BoundStatement tags(DeviceId id, Set<String> tags, long timestamp) {
        return st.updateIndexTags.bind(timestamp, Set.copyOf(tags), shard(id), id.value()).setIdempotent(true);
    }

    BoundStatement delete(DeviceId id, long timestamp) {
        return st.deleteIndex.bind(timestamp, shard(id), id.value()).setIdempotent(true);
    }

    /**
     * The granularity of {@code last_inform_at} in the index: a commit writes the index only when the last
     * Inform moved to another period of this length (counted from the epoch), so periodic sessions in one period
     * leave the SAI-indexed table alone. The indexed instant is then the exact one of the session that entered
     * the period, i.e. in the same period as the summary's; searches widen their bounds to whole periods and the
     * summary decides ({@link DeviceQuery#matches}). Every ACS node must use the same value (it is a constant).
     */
    static final long INFORM_PERIOD_MILLIS = 3_600_000L;

    /** Whether the searchable fields of two summaries differ (then the index needs writing). */
    static boolean differ(Device a, Device b) {
        return !Objects.equals(productClass(a), productClass(b))
                || !Objects.equals(a.softwareVersion(), b.softwareVersion())
                || !Objects.equals(period(a.lastInformAt()), period(b.lastInformAt()));
    }

    /** The period of {@value #INFORM_PERIOD_MILLIS} ms an instant falls in (null for null). */
    static Long period(Instant t) {
        return t == null ? null : Math.floorDiv(t.toEpochMilli(), INFORM_PERIOD_MILLIS);
    }

    /** The first millisecond of an instant's period. */
    static Instant periodStart(Instant t) {
        return Instant.ofEpochMilli(period(t) * INFORM_PERIOD_MILLIS);
    }

    /** The last millisecond of an instant's period. */
    static Instant periodEnd(Instant t) {
        return Instant.ofEpochMilli((period(t) + 1) * INFORM_PERIOD_MILLIS - 1);
    }

    private static void text(BoundStatementBuilder b, int i, String now, String before, boolean unknown) {
        if (now != null) {
            b.setString(i, now);
        } else if (unknown || before != null) {
            b.setToNull(i);
        }
    }

    private static String productClass(Device d) {
        return d.deviceIdStruct() == null ? null : d.deviceIdStruct().productClass();
    }

    static Instant millis(Instant t) {
        return t == null ? null : Instant.ofEpochMilli(t.toEpochMilli());
    }

    /**
     * The ids of up to {@code want} candidate devices after {@code after} (exclusive; null from the first) in
     * {@link #ORDER}, with {@code exhausted} true when no shard has more.
     */
    Candidates candidates(DeviceQuery query, String after, int want) {
        Search search = search(query, after != null);
        PreparedStatement ps = prepared(search.cql);
        List<CompletionStage<List<Row>>> pages = new ArrayList<>(SHARDS);
        for (int shard = 0; shard < SHARDS; shard++) {
            List<Object> values = new ArrayList<>();
            values.add(shard);
            if (after != null) {
                values.add(after);
            }
            values.addAll(search.values);
            values.add(want);
            BoundStatement bound = ps.bind(values.toArray()).setIdempotent(true).setPageSize(Math.min(want, 5000));
            pages.add(Async.rows(session.executeAsync(bound)));
        }
        TreeSet<String> merged = new TreeSet<>(ORDER);
        boolean exhausted = true;
        for (List<Row> rows : Async.joinAll(pages)) {
            if (rows.size() >= want) {
                exhausted = false;
            }
            for (Row r : rows) {
                merged.add(r.getString(0));
            }
        }
        List<DeviceId> ids = new ArrayList<>(Math.min(want, merged.size()));
        for (String id : merged) {
            if (ids.size() == want) {
                exhausted = false;
                break;
            }
            ids.add(new DeviceId(id));
        }
        return new Candidates(ids, exhausted);
    }

    record Candidates(List<DeviceId> ids, boolean exhausted) {}

    /** One prepared statement per kind of search, prepared on first use; a failed preparation is not kept. */
    private PreparedStatement prepared(String cql) {
        CompletionStage<PreparedStatement> stage = searches.computeIfAbsent(cql,
                c -> session.prepareAsync(SimpleStatement.builder(c).setIdempotence(true).build()));
        try {
            return Async.join(stage);
        } catch (RuntimeException e) {
            searches.remove(cql, stage);
            throw e;
        }
    }

    private record Search(String cql, List<Object> values) {}

    /** The CQL of one shard's slice: the cursor, then an indexed restriction per criterion. */
    private Search search(DeviceQuery q, boolean cursor) {
        StringBuilder cql = new StringBuilder("SELECT device_id FROM ").append(ks)
                .append(".device_index WHERE shard = ?");
        List<Object> values = new ArrayList<>();
        if (cursor) {
            cql.append(" AND device_id > ?");
        }
        if (q.productClass() != null) {
            cql.append(" AND product_class = ?");
            values.add(q.productClass());
        }
        if (q.softwareVersion() != null) {
            cql.append(" AND software_version = ?");
            values.add(q.softwareVersion());
        }
        if (q.tag() != null) {
            cql.append(" AND tags CONTAINS ?");
            values.add(q.tag());
        }
        // the index holds an instant in the summary's period (INFORM_PERIOD_MILLIS): widen to whole periods, the
        // summary's instant decides
        if (q.informedAfter() != null) {
            cql.append(" AND last_inform_at >= ?");
            values.add(periodStart(q.informedAfter()));
        }
        if (q.informedBefore() != null) {
            cql.append(" AND last_inform_at <= ?");
            values.add(periodEnd(q.informedBefore()));
        }
        // one entry of the params map per parameter criterion (the key may be a bind marker: one statement per
        // number of criteria); the parameters table decides, the index names candidates
        for (Map.Entry<String, String> e : q.parameters().entrySet()) {
            cql.append(" AND params[?] = ?");
            values.add(e.getKey());
            values.add(e.getValue());
        }
        cql.append(" LIMIT ?");
        return new Search(cql.toString(), values);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
