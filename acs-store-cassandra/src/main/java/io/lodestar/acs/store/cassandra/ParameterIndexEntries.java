package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.parameter.ParameterPaths;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.store.IndexedParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * The indexed parameters' entries in {@code device_index.params} (indexed path to value), and the
 * {@code store_settings} row that says which paths they are complete for.
 *
 * <p>Every entry is written at the write time of the parameter value it copies (a commit's {@code t + 1}, the
 * value cell's write time in a repair or a backfill) and removed at a time at least that of the removal in
 * {@code parameters} (a commit's {@code t}, the summary's write time in a repair or a backfill): whatever
 * order commits, repairs and backfills of several ACS nodes land in, the newest state of the parameter wins.
 * An entry is only a candidate: searches confirm every candidate against {@code parameters}, so a stale entry
 * costs a read, never a false match.
 *
 * <p>No tombstone for nothing: an entry is removed only when the device's row has it, and written only when
 * its value changes (the row's entries are read first), so that sessions that report the same values again
 * write nothing here.
 */
final class ParameterIndexEntries {

    /** The {@code store_settings} row of the paths {@code device_index.params} is complete for. */
    static final String SETTING = "indexed_parameters";
    /** Rows of a shard read at once by a backfill. */
    private static final int BACKFILL_PAGE = 500;

    private static final Logger LOG = LoggerFactory.getLogger(ParameterIndexEntries.class);

    private final CqlSession session;
    private final Statements st;
    private final IndexedParameters indexed;
    private final int inFlight;

    ParameterIndexEntries(CqlSession session, Statements st, IndexedParameters indexed, int inFlight) {
        this.session = session;
        this.st = st;
        this.indexed = indexed;
        this.inFlight = inFlight;
    }

    IndexedParameters indexed() {
        return indexed;
    }

    boolean isEmpty() {
        return indexed.isEmpty();
    }

    /** Writes to one device's entries: values to set, grouped by write time, and paths to remove at one time. */
    static final class Writes {
        final TreeMap<Long, Map<String, String>> sets = new TreeMap<>();
        final TreeSet<String> removals = new TreeSet<>();
        final long removeAt;

        Writes(long removeAt) {
            this.removeAt = removeAt;
        }

        boolean isEmpty() {
            return sets.isEmpty() && removals.isEmpty();
        }

        void set(String path, String value, long at) {
            sets.computeIfAbsent(at, k -> new TreeMap<>()).put(path, value);
        }
    }

    // ---- commits ------------------------------------------------------------------------------------------

    /**
     * What a session makes of each indexed path it touches: its value when upserted with one, null (no entry)
     * when upserted without a value or gone (bootstrap, a deleted subtree: {@code ""}, an object, or the path
     * itself) and not upserted again. Untouched paths are left out.
     */
    Map<String, String> wanted(SessionChanges changes) {
        Map<String, String> out = new TreeMap<>();
        for (String path : indexed.paths()) {
            Parameter p = changes.upserts().get(path);
            if (p != null) {
                out.put(path, p.value());
            } else if (changes.forgetLearned() || gone(path, changes.deletedSubtrees())) {
                out.put(path, null);
            }
        }
        return out;
    }

    private static boolean gone(String path, Set<String> deletedSubtrees) {
        for (String subtree : deletedSubtrees) {
            if (ParameterPaths.isUnder(path, subtree)) {
                return true;
            }
        }
        return false;
    }

    /** The writes that take the {@code current} entries to the {@code wanted} ones. */
    static Writes diff(Map<String, String> wanted, Map<String, String> current, long setAt, long removeAt) {
        Writes w = new Writes(removeAt);
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (e.getValue() != null) {
                if (!e.getValue().equals(current.get(e.getKey()))) {
                    w.set(e.getKey(), e.getValue(), setAt);
                }
            } else if (current.containsKey(e.getKey())) {
                w.removals.add(e.getKey());
            }
        }
        return w;
    }

    // ---- repairs and backfills ----------------------------------------------------------------------------

    /**
     * The writes that bring the entries of {@code paths} to the device's stored parameters: a parameter with a
     * value (by {@link ParameterRows}' rule: written by the row's last upsert) at its write time, the others
     * removed at {@code removeAt} (the summary's write time, which is at least that of every write of the
     * device's parameters).
     *
     * @param rows    rows of {@link Statements#selectParametersIn} for {@code paths}
     * @param current the device's entries now
     */
    static Writes fromParameters(Collection<String> paths, List<Row> rows, Map<String, String> current,
                                 long removeAt) {
        Map<String, Row> byPath = new HashMap<>();
        for (Row r : rows) {
            byPath.put(r.getString(0), r);
        }
        Writes w = new Writes(removeAt);
        for (String path : paths) {
            Row r = byPath.get(path);
            String value = r == null ? null : ParameterRows.read(r).value();
            if (value != null) {
                if (!value.equals(current.get(path))) {
                    w.set(path, value, ParameterRows.rowTimestamp(r));
                }
            } else if (current.containsKey(path)) {
                w.removals.add(path);
            }
        }
        return w;
    }

    /**
     * The writes that bring every indexed entry of a device to its stored parameters (two reads in parallel:
     * the entries and the parameters); none when nothing is indexed.
     */
    List<BoundStatement> repair(DeviceId id, long removeAt) {
        if (indexed.isEmpty()) {
            return List.of();
        }
        CompletionStage<AsyncResultSet> entries = session.executeAsync(selectEntries(id));
        CompletionStage<List<Row>> values = Async.rows(session.executeAsync(selectValues(id, indexed.paths())));
        Map<String, String> current = entries(Async.join(entries).one());
        return statements(id, fromParameters(indexed.paths(), Async.join(values), current, removeAt));
    }

    // ---- statements ---------------------------------------------------------------------------------------

    BoundStatement selectEntries(DeviceId id) {
        return st.selectIndexParams.bind(DeviceIndex.shard(id), id.value());
    }

    /** The entries of a row of {@link #selectEntries} (or of a shard scan, column {@code params}). */
    static Map<String, String> entries(Row r) {
        if (r == null || r.isNull("params")) {
            return Map.of();
        }
        return r.getMap("params", String.class, String.class);
    }

    /** The parameter rows of some paths of a device (one single-partition read). */
    BoundStatement selectValues(DeviceId id, Collection<String> paths) {
        return st.selectParametersIn.bind(id.value(), List.copyOf(paths));
    }

    /** The stored value of each path that has one (by {@link ParameterRows}' rule). */
    static Map<String, String> values(Iterable<Row> rows) {
        Map<String, String> out = new HashMap<>();
        for (Row r : rows) {
            String v = r.isNull(0) ? null : ParameterRows.read(r).value(); // no path: the commit marker alone
            if (v != null) {
                out.put(r.getString(0), v);
            }
        }
        return out;
    }

    List<BoundStatement> statements(DeviceId id, Writes w) {
        List<BoundStatement> out = new ArrayList<>(w.sets.size() + 1);
        int shard = DeviceIndex.shard(id);
        for (Map.Entry<Long, Map<String, String>> e : w.sets.entrySet()) {
            out.add(st.addIndexParams.bind(e.getKey(), e.getValue(), shard, id.value()).setIdempotent(true));
        }
        if (!w.removals.isEmpty()) {
            out.add(st.removeIndexParams.bind(w.removeAt, Set.copyOf(w.removals), shard, id.value())
                    .setIdempotent(true));
        }
        return out;
    }

    // ---- opening: what the keyspace's index covers --------------------------------------------------------

    /**
     * Makes {@code device_index.params} complete for the configured paths before the store serves: reads the
     * paths the keyspace records as complete, backfills those it lacks (every device of every shard), then
     * records the configured list. Paths recorded but no longer configured are dropped from the record (with a
     * warning: every node should index the same list), since this node will not keep them up to date.
     */
    void catchUp(String keyspace) {
        Row row = Async.join(session.executeAsync(st.selectSetting.bind(SETTING))).one();
        SortedSet<String> recorded = row == null ? new TreeSet<>() : parseRecord(row.getString(0));
        SortedSet<String> missing = new TreeSet<>(indexed.paths());
        missing.removeAll(recorded);
        SortedSet<String> dropped = new TreeSet<>(recorded);
        dropped.removeAll(indexed.paths());
        if (!dropped.isEmpty()) {
            LOG.warn("keyspace {}: the device index was kept for the parameters {}, which this node does not index "
                    + "(store.indexed-parameters={}): they are no longer kept up to date, searches by them are "
                    + "refused here, and indexing them again backfills them. Every ACS node of a keyspace should "
                    + "have the same store.indexed-parameters", keyspace, dropped, indexed);
        }
        if (!missing.isEmpty()) {
            backfill(keyspace, missing);
        }
        if (!missing.isEmpty() || !dropped.isEmpty()) {
            Async.join(session.executeAsync(st.insertSetting.bind(SETTING, indexed.toString(), WriteClock.reserve(1))
                    .setIdempotent(true)));
        }
    }

    /** The paths the keyspace records its index as complete for (none before any store recorded a list). */
    static IndexedParameters recorded(CqlSession session, String keyspace) {
        Row row = session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                "SELECT value FROM " + keyspace + ".store_settings WHERE name = ?", SETTING)).one();
        return row == null ? IndexedParameters.NONE : IndexedParameters.of(parseRecord(row.getString(0)));
    }

    /** The recorded list: comma-separated paths (not validated again: a list this store wrote). */
    static SortedSet<String> parseRecord(String text) {
        SortedSet<String> out = new TreeSet<>();
        if (text != null) {
            Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    /**
     * Writes the entries of {@code paths} for every device in {@code device_index} (a {@link Walk} from the first
     * page to the last, without pause), before the store serves.
     */
    private void backfill(String keyspace, Set<String> paths) {
        long start = System.nanoTime();
        LOG.info("keyspace {}: indexing parameters {} of the stored devices", keyspace, paths);
        Walk walk = walk(paths, inFlight);
        while (walk.step()) {
            // page after page
        }
        LOG.info("keyspace {}: indexed parameters {} of {} devices in {} ms ({} entries written, {} removed)",
                keyspace, paths, walk.devices(), (System.nanoTime() - start) / 1_000_000, walk.set(), walk.removed());
    }

    /** A walk over every device of {@code device_index} that brings the entries of {@code paths} to the parameters. */
    Walk walk(Collection<String> paths, int requestsInFlight) {
        return new Walk(new TreeSet<>(paths), requestsInFlight);
    }

    /**
     * Brings the entries of some paths to the stored parameters for every device in {@code device_index}, shard
     * by shard, one page of {@value #BACKFILL_PAGE} devices per {@link #step}: the devices' summaries' write times
     * and the paths' parameter rows are read in parallel (at most {@code requestsInFlight} requests at once), then
     * the entries that differ written at the parameters' write times and the stale ones removed at the summary's,
     * so a commit by any node during the walk always wins. A device that is not in the index (its first commit
     * was cut before the index write) gets its entries when it is repaired. What the backfill at open and the
     * periodic verification ({@link IndexVerifier}) both run; not thread-safe (one caller at a time).
     */
    final class Walk {
        private final Set<String> paths;
        private final int requestsInFlight;
        private int shard;
        /** The shard's last page read, when it has more; null: the shard's first page is next. */
        private AsyncResultSet current;
        private long devices;
        private long set;
        private long removed;
        private int lastPageRows;

        private Walk(Set<String> paths, int requestsInFlight) {
            this.paths = paths;
            this.requestsInFlight = requestsInFlight;
        }

        /**
         * Reads and corrects the next page of devices (of the current shard, or the next shard's first page).
         *
         * @return whether pages are left
         */
        boolean step() {
            if (shard >= DeviceIndex.SHARDS) {
                return false;
            }
            AsyncResultSet rs = current == null
                    ? Async.join(session.executeAsync(st.scanIndexShard.bind(shard).setPageSize(BACKFILL_PAGE)
                            .setIdempotent(true)))
                    : Async.join(current.fetchNextPage());
            List<Row> page = new ArrayList<>(BACKFILL_PAGE);
            rs.currentPage().forEach(page::add);
            lastPageRows = page.size();
            List<Statement<?>> reads = new ArrayList<>(page.size() * 2);
            for (Row r : page) {
                DeviceId id = new DeviceId(r.getString(0));
                reads.add(st.selectDevice.bind(id.value()));
                reads.add(selectValues(id, paths));
            }
            List<AsyncResultSet> results = Async.executeAll(session, reads, requestsInFlight);
            List<Statement<?>> writes = new ArrayList<>();
            for (int i = 0; i < page.size(); i++) {
                StoredDevice stored = StoredDevice.of(results.get(2 * i).one());
                if (stored.device() == null) {
                    continue; // an index row without a device: listings skip it, deleteDevice removes it
                }
                List<Row> rows = new ArrayList<>();
                results.get(2 * i + 1).currentPage().forEach(rows::add);
                Writes w = fromParameters(paths, rows, entries(page.get(i)), stored.summaryTimestamp());
                devices++;
                set += w.sets.values().stream().mapToInt(Map::size).sum();
                removed += w.removals.size();
                writes.addAll(statements(stored.device().id(), w));
            }
            Async.executeAll(session, writes, requestsInFlight);
            if (rs.hasMorePages()) {
                current = rs;
            } else {
                current = null;
                shard++;
            }
            return shard < DeviceIndex.SHARDS;
        }

        /** The rows of the page the last {@link #step} read (devices and index rows without a device). */
        int lastPageRows() {
            return lastPageRows;
        }

        /** Devices checked so far. */
        long devices() {
            return devices;
        }

        /** Entries written so far (set to a device's value). */
        long set() {
            return set;
        }

        /** Entries removed so far (the device has no value for the path). */
        long removed() {
            return removed;
        }
    }
}
