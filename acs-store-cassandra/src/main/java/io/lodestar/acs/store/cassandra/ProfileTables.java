package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.store.ProfileStatusReport;
import io.lodestar.acs.store.ProfileStore;
import io.lodestar.acs.store.ProfileValueKey;
import io.lodestar.acs.store.StoredProfileTemplate;
import io.lodestar.acs.store.codec.ProfileEncoding;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The profile tables (migration V008): templates in one partition, values per owner, sealed keys, status reports
 * per device newest first. Plain idempotent writes, last writer wins. A delete reads first to say whether there was
 * something (an operator's answer, not a guarantee under a racing put on another node). Adding a status report
 * deletes the device's reports beyond {@link ProfileStore#STATUS_REPORTS_KEPT}.
 */
final class ProfileTables {

    private final CqlSession session;
    private final PreparedStatement putTemplate;
    private final PreparedStatement findTemplate;
    private final PreparedStatement allTemplates;
    private final PreparedStatement deleteTemplate;
    private final PreparedStatement putValue;
    private final PreparedStatement findValue;
    private final PreparedStatement ownerValues;
    private final PreparedStatement deleteValue;
    private final PreparedStatement putKey;
    private final PreparedStatement findKey;
    private final PreparedStatement deleteKey;
    private final PreparedStatement addReport;
    private final PreparedStatement reports;
    private final PreparedStatement reportKeys;
    private final PreparedStatement deleteReport;
    private final PreparedStatement deleteOwnerValues;
    private final PreparedStatement deleteReports;

    ProfileTables(CqlSession session, String ks) {
        this.session = session;
        putTemplate = prepare("INSERT INTO " + ks + ".profile_templates (bucket, name, record) VALUES (0, ?, ?)");
        findTemplate = prepare("SELECT record FROM " + ks + ".profile_templates WHERE bucket = 0 AND name = ?");
        allTemplates = prepare("SELECT record FROM " + ks + ".profile_templates WHERE bucket = 0");
        deleteTemplate = prepare("DELETE FROM " + ks + ".profile_templates WHERE bucket = 0 AND name = ?");
        putValue = prepare("INSERT INTO " + ks + ".profile_values (scope, owner, name, value) VALUES (?, ?, ?, ?)");
        findValue = prepare("SELECT value FROM " + ks + ".profile_values WHERE scope = ? AND owner = ? AND name = ?");
        ownerValues = prepare("SELECT name, value FROM " + ks + ".profile_values WHERE scope = ? AND owner = ?");
        deleteValue = prepare("DELETE FROM " + ks + ".profile_values WHERE scope = ? AND owner = ? AND name = ?");
        putKey = prepare("INSERT INTO " + ks + ".profile_keys (scope, owner, sealed) VALUES (?, ?, ?)");
        findKey = prepare("SELECT sealed FROM " + ks + ".profile_keys WHERE scope = ? AND owner = ?");
        deleteKey = prepare("DELETE FROM " + ks + ".profile_keys WHERE scope = ? AND owner = ?");
        addReport = prepare("INSERT INTO " + ks + ".profile_status_reports (device_id, at, id, record) "
                + "VALUES (?, ?, ?, ?)");
        reports = prepare("SELECT record FROM " + ks + ".profile_status_reports WHERE device_id = ? LIMIT ?");
        reportKeys = prepare("SELECT at, id FROM " + ks + ".profile_status_reports WHERE device_id = ?");
        deleteReport = prepare("DELETE FROM " + ks + ".profile_status_reports WHERE device_id = ? AND at = ? AND id = ?");
        deleteOwnerValues = prepare("DELETE FROM " + ks + ".profile_values WHERE scope = ? AND owner = ?");
        deleteReports = prepare("DELETE FROM " + ks + ".profile_status_reports WHERE device_id = ?");
    }

    private PreparedStatement prepare(String cql) {
        CompletionStage<PreparedStatement> p =
                session.prepareAsync(SimpleStatement.builder(cql).setIdempotence(true).build());
        return Async.join(p);
    }

    private List<Row> rows(BoundStatement s) {
        return Async.join(Async.rows(session.executeAsync(s)));
    }

    private void execute(BoundStatement s) {
        Async.join(session.executeAsync(s));
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    void putTemplate(StoredProfileTemplate t) {
        execute(putTemplate.bind(t.name(), ByteBuffer.wrap(ProfileEncoding.encode(t))));
    }

    Optional<StoredProfileTemplate> findTemplate(String name) {
        return rows(findTemplate.bind(name)).stream().findFirst()
                .map(r -> ProfileEncoding.decodeTemplate(r.getByteBuffer(0)));
    }

    List<StoredProfileTemplate> templates() {
        return rows(allTemplates.bind()).stream().map(r -> ProfileEncoding.decodeTemplate(r.getByteBuffer(0))).toList();
    }

    boolean deleteTemplate(String name) {
        if (findTemplate(name).isEmpty()) {
            return false;
        }
        execute(deleteTemplate.bind(name));
        return true;
    }

    void putValue(ProfileValueKey key, String value) {
        execute(putValue.bind(key.scope().name(), key.owner(), key.name(), value));
    }

    Optional<String> findValue(ProfileValueKey key) {
        return rows(findValue.bind(key.scope().name(), key.owner(), key.name())).stream().findFirst()
                .map(r -> r.getString(0));
    }

    Map<String, String> values(ProfileValueKey.Scope scope, String owner) {
        Map<String, String> out = new TreeMap<>();
        rows(ownerValues.bind(scope.name(), owner)).forEach(r -> out.put(r.getString(0), r.getString(1)));
        return out;
    }

    boolean deleteValue(ProfileValueKey key) {
        if (findValue(key).isEmpty()) {
            return false;
        }
        execute(deleteValue.bind(key.scope().name(), key.owner(), key.name()));
        return true;
    }

    void putKey(String scope, String owner, byte[] sealed) {
        execute(putKey.bind(scope, owner, ByteBuffer.wrap(sealed.clone())));
    }

    Optional<byte[]> findKey(String scope, String owner) {
        return rows(findKey.bind(scope, owner)).stream().findFirst().filter(r -> !r.isNull(0))
                .map(r -> bytes(r.getByteBuffer(0)));
    }

    boolean deleteKey(String scope, String owner) {
        if (findKey(scope, owner).isEmpty()) {
            return false;
        }
        execute(deleteKey.bind(scope, owner));
        return true;
    }

    void addReport(DeviceId device, ProfileStatusReport report) {
        execute(addReport.bind(device.value(), report.at(), UUID.randomUUID(),
                ByteBuffer.wrap(ProfileEncoding.encode(report))));
        List<Row> keys = rows(reportKeys.bind(device.value()));
        for (int i = ProfileStore.STATUS_REPORTS_KEPT; i < keys.size(); i++) {
            Row k = keys.get(i);
            execute(deleteReport.bind(device.value(), k.getInstant(0), k.getUuid(1)));
        }
    }

    List<ProfileStatusReport> reports(DeviceId device, int limit) {
        List<ProfileStatusReport> out = new ArrayList<>();
        rows(reports.bind(device.value(), Math.max(1, limit))).forEach(r ->
                out.add(ProfileEncoding.decodeReport(r.getByteBuffer(0))));
        return limit <= 0 ? List.of() : out;
    }

    /** A deleted device's values, key and status reports: three partition deletes, no reads. */
    void deleteDevice(DeviceId device) {
        execute(deleteOwnerValues.bind(ProfileValueKey.Scope.DEVICE.name(), device.value()));
        execute(deleteKey.bind("device", device.value()));
        execute(deleteReports.bind(device.value()));
    }
}
