package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.ListType;
import com.datastax.oss.driver.api.core.type.TupleType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Every statement of the store, prepared once when the store opens (in parallel). Writes name their
 * timestamp ({@code USING TIMESTAMP ?}, see {@link WriteClock}) and are idempotent, so the driver may retry
 * them; the lightweight transactions of the leases are not.
 */
final class Statements {

    // devices
    final PreparedStatement selectDevice;
    final PreparedStatement insertSummary;
    final PreparedStatement insertSummaryAndTags;
    final PreparedStatement updateTags;
    final PreparedStatement clearIndexPending;
    final PreparedStatement deleteDevice;
    final PreparedStatement markDeleted;
    // parameters
    final PreparedStatement selectParameters;
    final PreparedStatement selectParameterRange;
    final PreparedStatement selectParameter;
    final PreparedStatement insertParameter;
    final PreparedStatement deleteParameters;
    final PreparedStatement deleteParameterRange;
    final PreparedStatement deleteParameter;
    /** The parameters with their partition's commit marker ({@code commit_at}, column 10), for a snapshot. */
    final PreparedStatement selectParametersWithMarker;
    /** Sets the commit marker: (timestamp, commit_at, device_id). */
    final PreparedStatement updateCommitMarker;
    // tasks
    final PreparedStatement selectTasks;
    final PreparedStatement selectTaskIds;
    final PreparedStatement selectTask;
    final PreparedStatement insertTask;
    final PreparedStatement deleteTasks;
    final PreparedStatement selectTaskDevice;
    final PreparedStatement insertTaskDevice;
    final PreparedStatement deleteTaskDevice;
    // operations
    final PreparedStatement selectOperations;
    final PreparedStatement insertOperation;
    final PreparedStatement deleteOperation;
    final PreparedStatement deleteOperations;
    // histories
    final PreparedStatement selectInforms;
    final PreparedStatement insertInform;
    final PreparedStatement pruneInforms;
    /** The informs at one instant: what a commit that does not prune reads to add a record once. */
    final PreparedStatement selectInformsAt;
    final PreparedStatement deleteInforms;
    final PreparedStatement selectFaults;
    final PreparedStatement insertFault;
    final PreparedStatement pruneFaults;
    final PreparedStatement deleteFaults;
    // device index
    final PreparedStatement insertIndex;
    final PreparedStatement updateIndexTags;
    final PreparedStatement deleteIndex;
    // indexed parameters (device_index.params, store_settings)
    final PreparedStatement selectParametersIn;
    final PreparedStatement selectIndexParams;
    final PreparedStatement addIndexParams;
    final PreparedStatement removeIndexParams;
    final PreparedStatement scanIndexShard;
    final PreparedStatement selectSetting;
    final PreparedStatement insertSetting;
    // leases
    final PreparedStatement acquireLease;
    final PreparedStatement renewLease;
    final PreparedStatement releaseLease;
    // leases on store_settings rows (the index verifier's)
    final PreparedStatement acquireSettingLease;
    final PreparedStatement renewSettingLease;
    final PreparedStatement releaseSettingLease;
    // quorum claims (session_claims, V011)
    final PreparedStatement insertClaim;
    final PreparedStatement selectClaims;
    final PreparedStatement deleteClaim;
    // quorum claims in the devices row (V015): (ttl, timestamp, owner, since, device_id); (device_id);
    // (owner, timestamp, device_id)
    final PreparedStatement insertRowClaim;
    final PreparedStatement selectRowClaims;
    final PreparedStatement deleteRowClaim;

    // the markers of pending work in the devices row (V014)
    /** A device's tasks with their write times: (task_id, record, writetime(record)). */
    final PreparedStatement selectTasksWithTimes;
    /** (timestamp, set of task ids, device_id). */
    final PreparedStatement addPendingTasks;
    /** (timestamp, set of task ids, device_id). */
    final PreparedStatement removePendingTasks;
    /** (timestamp, device_id). */
    final PreparedStatement markTasksTracked;
    /** (timestamp, device_id). */
    final PreparedStatement markHasOperations;
    /** (timestamp, device_id). */
    final PreparedStatement markOperationsTracked;
    /** (timestamp, micros, device_id): both the same number, so that the cell keeps the largest. */
    final PreparedStatement updateNewestInform;

    /** The type of {@code informs.events}' elements: (event code, command key). */
    final TupleType eventType;

    Statements(CqlSession session, String ks) {
        String params = "SELECT path, value, type, writable, reported_at, reported_nanos, writetime(value), "
                + "writetime(type), writetime(writable), writetime(reported_at) FROM " + ks + ".parameters "
                + "WHERE device_id = ?";
        String history = " FROM %s.%s WHERE device_id = ? LIMIT ?";
        List<CompletionStage<PreparedStatement>> all = new ArrayList<>();
        int i = 0;
        all.add(prepare(session, "SELECT summary, tags, index_pending, writetime(summary), writetime(tags), "
                + "writetime(index_pending), writetime(deleted_at), pending_tasks, tasks_tracked, has_operations, "
                + "operations_tracked, writetime(operations_tracked), newest_inform_micros, session_claims FROM " + ks
                + ".devices WHERE device_id = ?"));
        all.add(prepare(session, "INSERT INTO " + ks + ".devices (device_id, summary, index_pending) "
                + "VALUES (?, ?, ?) USING TIMESTAMP ?"));
        all.add(prepare(session, "INSERT INTO " + ks + ".devices (device_id, summary, tags, index_pending) "
                + "VALUES (?, ?, ?, true) USING TIMESTAMP ?"));
        all.add(prepare(session, "UPDATE " + ks + ".devices USING TIMESTAMP ? SET tags = ?, index_pending = true "
                + "WHERE device_id = ?"));
        all.add(prepare(session, "DELETE index_pending FROM " + ks + ".devices USING TIMESTAMP ? "
                + "WHERE device_id = ?"));
        all.add(prepare(session, "DELETE FROM " + ks + ".devices USING TIMESTAMP ? WHERE device_id = ?"));
        all.add(prepare(session, "INSERT INTO " + ks + ".devices (device_id, deleted_at) VALUES (?, ?) "
                + "USING TIMESTAMP ?"));

        all.add(prepare(session, params));
        all.add(prepare(session, params + " AND path >= ? AND path < ?"));
        all.add(prepare(session, params + " AND path = ?"));
        all.add(prepare(session, "INSERT INTO " + ks + ".parameters (device_id, path, value, type, writable, "
                + "reported_at, reported_nanos) VALUES (?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?"));
        all.add(prepare(session, "DELETE FROM " + ks + ".parameters USING TIMESTAMP ? WHERE device_id = ?"));
        all.add(prepare(session, "DELETE FROM " + ks + ".parameters USING TIMESTAMP ? WHERE device_id = ? "
                + "AND path >= ? AND path < ?"));
        all.add(prepare(session, "DELETE FROM " + ks + ".parameters USING TIMESTAMP ? WHERE device_id = ? "
                + "AND path = ?"));
        all.add(prepare(session, params.replace(" FROM ", ", commit_at FROM ")));
        all.add(prepare(session, "UPDATE " + ks + ".parameters USING TIMESTAMP ? SET commit_at = ? "
                + "WHERE device_id = ?"));

        all.add(prepare(session, "SELECT task_id, record FROM " + ks + ".tasks WHERE device_id = ?"));
        all.add(prepare(session, "SELECT task_id FROM " + ks + ".tasks WHERE device_id = ?"));
        all.add(prepare(session, "SELECT record, writetime(record) FROM " + ks + ".tasks WHERE device_id = ? "
                + "AND task_id = ?"));
        all.add(prepare(session, "INSERT INTO " + ks + ".tasks (device_id, task_id, status, action, record) "
                + "VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?"));
        all.add(prepare(session, "DELETE FROM " + ks + ".tasks USING TIMESTAMP ? WHERE device_id = ?"));
        all.add(prepare(session, "SELECT device_id FROM " + ks + ".tasks_by_id WHERE task_id = ?"));
        all.add(prepare(session, "INSERT INTO " + ks + ".tasks_by_id (task_id, device_id) VALUES (?, ?) "
                + "USING TIMESTAMP ?"));
        all.add(prepare(session, "DELETE FROM " + ks + ".tasks_by_id USING TIMESTAMP ? WHERE task_id = ?"));

        all.add(prepare(session, "SELECT record FROM " + ks + ".operations WHERE device_id = ?"));
        all.add(prepare(session, "INSERT INTO " + ks + ".operations (device_id, task_id, status, kind, record) "
                + "VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?"));
        all.add(prepare(session, "DELETE FROM " + ks + ".operations USING TIMESTAMP ? WHERE device_id = ? "
                + "AND task_id = ?"));
        all.add(prepare(session, "DELETE FROM " + ks + ".operations USING TIMESTAMP ? WHERE device_id = ?"));

        all.add(prepare(session, "SELECT at, at_nanos, seq, events, remote_address, retry_count"
                + String.format(history, ks, "informs")));
        all.add(prepare(session, "INSERT INTO " + ks + ".informs (device_id, at, at_nanos, seq, events, "
                + "remote_address, retry_count) VALUES (?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?"));
        all.add(prepare(session, "DELETE FROM " + ks + ".informs USING TIMESTAMP ? WHERE device_id = ? "
                + "AND (at, at_nanos, seq) < (?, ?, ?)"));
        all.add(prepare(session, "DELETE FROM " + ks + ".informs USING TIMESTAMP ? WHERE device_id = ?"));
        all.add(prepare(session, "SELECT at, at_nanos, seq, task_id, method, code, message"
                + String.format(history, ks, "faults")));
        all.add(prepare(session, "INSERT INTO " + ks + ".faults (device_id, at, at_nanos, seq, task_id, method, "
                + "code, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?"));
        all.add(prepare(session, "DELETE FROM " + ks + ".faults USING TIMESTAMP ? WHERE device_id = ? "
                + "AND (at, at_nanos, seq) < (?, ?, ?)"));
        all.add(prepare(session, "DELETE FROM " + ks + ".faults USING TIMESTAMP ? WHERE device_id = ?"));

        all.add(prepare(session, "INSERT INTO " + ks + ".device_index (shard, device_id, product_class, "
                + "software_version, last_inform_at) VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?"));
        all.add(prepare(session, "UPDATE " + ks + ".device_index USING TIMESTAMP ? SET tags = ? "
                + "WHERE shard = ? AND device_id = ?"));
        all.add(prepare(session, "DELETE FROM " + ks + ".device_index USING TIMESTAMP ? WHERE shard = ? "
                + "AND device_id = ?"));

        all.add(prepare(session, params + " AND path IN ?"));
        all.add(prepare(session, "SELECT params FROM " + ks + ".device_index WHERE shard = ? AND device_id = ?"));
        all.add(prepare(session, "UPDATE " + ks + ".device_index USING TIMESTAMP ? SET params = params + ? "
                + "WHERE shard = ? AND device_id = ?"));
        all.add(prepare(session, "UPDATE " + ks + ".device_index USING TIMESTAMP ? SET params = params - ? "
                + "WHERE shard = ? AND device_id = ?"));
        all.add(prepare(session, "SELECT device_id, params FROM " + ks + ".device_index WHERE shard = ?"));
        all.add(prepare(session, "SELECT value FROM " + ks + ".store_settings WHERE name = ?"));
        all.add(prepare(session, "INSERT INTO " + ks + ".store_settings (name, value) VALUES (?, ?) "
                + "USING TIMESTAMP ?"));

        all.add(prepareLwt(session, "INSERT INTO " + ks + ".session_leases (device_id, owner) VALUES (?, ?) "
                + "IF NOT EXISTS USING TTL ?"));
        all.add(prepareLwt(session, "UPDATE " + ks + ".session_leases USING TTL ? SET owner = ? "
                + "WHERE device_id = ? IF owner = ?"));
        all.add(prepareLwt(session, "DELETE FROM " + ks + ".session_leases WHERE device_id = ? IF owner = ?"));
        all.add(prepareLwt(session, "INSERT INTO " + ks + ".store_settings (name, value) VALUES (?, ?) "
                + "IF NOT EXISTS USING TTL ?"));
        all.add(prepareLwt(session, "UPDATE " + ks + ".store_settings USING TTL ? SET value = ? "
                + "WHERE name = ? IF value = ?"));
        all.add(prepareLwt(session, "DELETE FROM " + ks + ".store_settings WHERE name = ? IF value = ?"));

        all.add(prepare(session, "INSERT INTO " + ks + ".session_claims (device_id, owner, since) VALUES (?, ?, ?) "
                + "USING TTL ? AND TIMESTAMP ?"));
        all.add(prepare(session, "SELECT owner, since FROM " + ks + ".session_claims WHERE device_id = ?"));
        all.add(prepare(session, "DELETE FROM " + ks + ".session_claims USING TIMESTAMP ? WHERE device_id = ? "
                + "AND owner = ?"));
        all.add(prepare(session, "UPDATE " + ks + ".devices USING TTL ? AND TIMESTAMP ? SET session_claims[?] = ? "
                + "WHERE device_id = ?"));
        all.add(prepare(session, "SELECT session_claims FROM " + ks + ".devices WHERE device_id = ?"));
        all.add(prepare(session, "DELETE session_claims[?] FROM " + ks + ".devices USING TIMESTAMP ? "
                + "WHERE device_id = ?"));
        all.add(prepare(session, "SELECT at, at_nanos, seq, events, remote_address, retry_count FROM " + ks
                + ".informs WHERE device_id = ? AND at = ? AND at_nanos = ?"));
        all.add(prepare(session, "SELECT task_id, record, writetime(record) FROM " + ks + ".tasks WHERE device_id = ?"));
        all.add(prepare(session, "UPDATE " + ks + ".devices USING TIMESTAMP ? SET pending_tasks = pending_tasks + ? "
                + "WHERE device_id = ?"));
        all.add(prepare(session, "UPDATE " + ks + ".devices USING TIMESTAMP ? SET pending_tasks = pending_tasks - ? "
                + "WHERE device_id = ?"));
        all.add(prepare(session, "UPDATE " + ks + ".devices USING TIMESTAMP ? SET tasks_tracked = true "
                + "WHERE device_id = ?"));
        all.add(prepare(session, "UPDATE " + ks + ".devices USING TIMESTAMP ? SET has_operations = true "
                + "WHERE device_id = ?"));
        all.add(prepare(session, "UPDATE " + ks + ".devices USING TIMESTAMP ? SET operations_tracked = true "
                + "WHERE device_id = ?"));
        all.add(prepare(session, "UPDATE " + ks + ".devices USING TIMESTAMP ? SET newest_inform_micros = ? "
                + "WHERE device_id = ?"));

        List<PreparedStatement> p = new ArrayList<>();
        for (CompletionStage<PreparedStatement> s : all) {
            p.add(Async.join(s));
        }
        selectDevice = p.get(i++);
        insertSummary = p.get(i++);
        insertSummaryAndTags = p.get(i++);
        updateTags = p.get(i++);
        clearIndexPending = p.get(i++);
        deleteDevice = p.get(i++);
        markDeleted = p.get(i++);
        selectParameters = p.get(i++);
        selectParameterRange = p.get(i++);
        selectParameter = p.get(i++);
        insertParameter = p.get(i++);
        deleteParameters = p.get(i++);
        deleteParameterRange = p.get(i++);
        deleteParameter = p.get(i++);
        selectParametersWithMarker = p.get(i++);
        updateCommitMarker = p.get(i++);
        selectTasks = p.get(i++);
        selectTaskIds = p.get(i++);
        selectTask = p.get(i++);
        insertTask = p.get(i++);
        deleteTasks = p.get(i++);
        selectTaskDevice = p.get(i++);
        insertTaskDevice = p.get(i++);
        deleteTaskDevice = p.get(i++);
        selectOperations = p.get(i++);
        insertOperation = p.get(i++);
        deleteOperation = p.get(i++);
        deleteOperations = p.get(i++);
        selectInforms = p.get(i++);
        insertInform = p.get(i++);
        pruneInforms = p.get(i++);
        deleteInforms = p.get(i++);
        selectFaults = p.get(i++);
        insertFault = p.get(i++);
        pruneFaults = p.get(i++);
        deleteFaults = p.get(i++);
        insertIndex = p.get(i++);
        updateIndexTags = p.get(i++);
        deleteIndex = p.get(i++);
        selectParametersIn = p.get(i++);
        selectIndexParams = p.get(i++);
        addIndexParams = p.get(i++);
        removeIndexParams = p.get(i++);
        scanIndexShard = p.get(i++);
        selectSetting = p.get(i++);
        insertSetting = p.get(i++);
        acquireLease = p.get(i++);
        renewLease = p.get(i++);
        releaseLease = p.get(i++);
        acquireSettingLease = p.get(i++);
        renewSettingLease = p.get(i++);
        releaseSettingLease = p.get(i++);
        insertClaim = p.get(i++);
        selectClaims = p.get(i++);
        deleteClaim = p.get(i++);
        insertRowClaim = p.get(i++);
        selectRowClaims = p.get(i++);
        deleteRowClaim = p.get(i++);
        selectInformsAt = p.get(i++);
        selectTasksWithTimes = p.get(i++);
        addPendingTasks = p.get(i++);
        removePendingTasks = p.get(i++);
        markTasksTracked = p.get(i++);
        markHasOperations = p.get(i++);
        markOperationsTracked = p.get(i++);
        updateNewestInform = p.get(i++);
        if (i != p.size()) {
            throw new IllegalStateException("statement list out of step");
        }
        DataType events = insertInform.getVariableDefinitions().get("events").getType();
        eventType = (TupleType) ((ListType) events).getElementType();
    }

    private static CompletionStage<PreparedStatement> prepare(CqlSession session, String cql) {
        return session.prepareAsync(SimpleStatement.builder(cql).setIdempotence(true).build());
    }

    private static CompletionStage<PreparedStatement> prepareLwt(CqlSession session, String cql) {
        return session.prepareAsync(SimpleStatement.builder(cql).setIdempotence(false).build());
    }
}
