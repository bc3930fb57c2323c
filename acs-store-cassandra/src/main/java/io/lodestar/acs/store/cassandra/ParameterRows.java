package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.Row;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.parameter.Parameter;

import java.time.Instant;

/**
 * Parameters as rows of {@code parameters}. An upsert leaves a null field unset rather than writing null (a
 * null is a tombstone, and a data model with hundreds of objects would carry hundreds into every read), so a
 * cell counts only when it was written by the row's last upsert: when its write time equals that of
 * {@code reported_at}, which every upsert writes. Older cells read as null.
 */
final class ParameterRows {

    private final Statements st;

    ParameterRows(Statements st) {
        this.st = st;
    }

    /** A row of {@link Statements#selectParameters} (and its range and point variants). */
    static Parameter read(Row r) {
        long ts = r.getLong(9);
        String value = fresh(r, 6, ts) ? r.getString(1) : null;
        String type = fresh(r, 7, ts) ? r.getString(2) : null;
        Boolean writable = fresh(r, 8, ts) ? r.get(3, Boolean.class) : null;
        return new Parameter(r.getString(0), value, type, writable, r.getInstant(4).plusNanos(r.getInt(5)));
    }

    /** The write time of a row of {@link #read}'s statements: its last upsert's (that of reported_at). */
    static long rowTimestamp(Row r) {
        return r.getLong(9);
    }

    private static boolean fresh(Row r, int writetime, long rowTime) {
        return !r.isNull(writetime) && r.getLong(writetime) == rowTime;
    }

    BoundStatement upsert(DeviceId id, Parameter p, long ts) {
        BoundStatementBuilder b = st.insertParameter.boundStatementBuilder()
                .setString(0, id.value())
                .setString(1, p.path());
        if (p.value() != null) {
            b.setString(2, p.value());
        }
        if (p.type() != null) {
            b.setString(3, p.type());
        }
        if (p.writable() != null) {
            b.setBoolean(4, p.writable());
        }
        Instant at = p.reportedAt();
        return b.setInstant(5, Instant.ofEpochMilli(at.toEpochMilli()))
                .setInt(6, at.getNano() % 1_000_000)
                .setLong(7, ts)
                .setIdempotence(true)
                .build();
    }

    /** The smallest string above every path under {@code objectPath}: its last '.' becomes '/'. */
    static String successor(String objectPath) {
        char last = objectPath.charAt(objectPath.length() - 1);
        return objectPath.substring(0, objectPath.length() - 1) + (char) (last + 1);
    }
}
