package io.lodestar.acs.store.cassandra;

import io.lodestar.acs.core.device.ParameterTree;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Node-local copies of devices' parameter trees, so that a plain periodic session's {@code loadSnapshot} reads the
 * {@code devices} row alone instead of the row, the whole {@code parameters} partition and the row again.
 *
 * <p>Each copy is tagged with the write time of the {@code summary} cell it goes with. Every write of a device's
 * parameters is a commit, which writes the summary in the same mutation at a newer write time, and a deletion removes
 * the summary: so when the {@code devices} row read now shows the tagged write time, the parameters are the tagged
 * ones (last write wins on the summary cell, exactly as on the parameters written with it). The summary and tags
 * themselves always come from that fresh read, never from here. A copy is made by a whole read (the three reads of
 * {@link CassandraAcsStore#loadSnapshot}) or derived by a commit from the copy of the write time it read
 * ({@link io.lodestar.acs.core.session.SessionChanges#applyTo}); a derived copy is right as long as no other node
 * committed the device between that commit's read and its batch, which the session lease rules out. To bound what a
 * breach of the lease could leave behind, a copy is derived at most {@link #DERIVED_LIMIT} times in a row; then
 * the next load reads the parameters whole again.
 *
 * <p>Bounded by the parameters held (least recently used first out); thread-safe.
 */
final class SnapshotCache {

    /** How many commits in a row may derive a device's copy from the previous one before a whole read. */
    static final int DERIVED_LIMIT = 8;
    /** The default bound, in parameters held: about 40 MB at ~160 bytes per cached parameter. */
    static final long DEFAULT_MAX_PARAMETERS = 250_000;

    /**
     * A device's parameters as of the summary written at {@code summaryTimestamp}.
     *
     * @param derived how many commits derived this copy since the last whole read
     */
    record Entry(long summaryTimestamp, ParameterTree parameters, int derived) {
    }

    private final long maxParameters;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long held;

    SnapshotCache(long maxParameters) {
        if (maxParameters < 0) {
            throw new IllegalArgumentException("a snapshot cache holds zero or more parameters, not " + maxParameters);
        }
        this.maxParameters = maxParameters;
    }

    /** The copy tagged with this write time of the summary, or null. */
    synchronized ParameterTree get(String device, long summaryTimestamp) {
        Entry e = entries.get(device);
        return e != null && e.summaryTimestamp == summaryTimestamp ? e.parameters : null;
    }

    /** Keeps a whole read's parameters, tagged with the write time of the summary read with them. */
    synchronized void loaded(String device, long summaryTimestamp, ParameterTree parameters) {
        put(device, new Entry(summaryTimestamp, parameters, 0));
    }

    /**
     * After a commit that read the summary's write time {@code before} and wrote it at {@code after}: derives the new
     * copy from the one tagged {@code before} (when there is one, and not derived too often), else drops it.
     */
    synchronized void committed(String device, long before, long after,
                                java.util.function.UnaryOperator<ParameterTree> change) {
        Entry e = entries.get(device);
        if (e == null) {
            return;
        }
        if (e.summaryTimestamp != before || e.derived + 1 > DERIVED_LIMIT) {
            remove(device);
            return;
        }
        put(device, new Entry(after, change.apply(e.parameters), e.derived + 1));
    }

    synchronized void remove(String device) {
        Entry e = entries.remove(device);
        if (e != null) {
            held -= weight(e);
        }
    }

    synchronized int size() {
        return entries.size();
    }

    /** What an entry counts against the bound: its parameters, and one for the entry itself (a device without any). */
    private static long weight(Entry e) {
        return e.parameters.size() + 1L;
    }

    private void put(String device, Entry e) {
        remove(device);
        long size = weight(e);
        if (size > maxParameters) {
            return;
        }
        entries.put(device, e);
        held += size;
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
             held > maxParameters && it.hasNext(); ) {
            Map.Entry<String, Entry> eldest = it.next();
            held -= weight(eldest.getValue());
            it.remove();
        }
    }
}
