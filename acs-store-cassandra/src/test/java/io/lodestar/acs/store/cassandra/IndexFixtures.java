package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceIdentity;
import io.lodestar.acs.core.device.DiscoveryState;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.device.Reachability;
import io.lodestar.acs.core.parameter.Parameter;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.store.AcsStore;
import io.lodestar.acs.store.DeviceQuery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the tests of the indexed parameters on Cassandra share: sessions of a simple device, searches by value,
 * and reads and writes of the index's rows behind the store's back.
 */
final class IndexFixtures {

    static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456789Z");
    static final String SERIAL = "Device.DeviceInfo.SerialNumber";
    static final String MAC = "Device.Ethernet.Interface.1.MACAddress";

    private final TestCassandra cassandra;
    private final String keyspace;

    IndexFixtures(TestCassandra cassandra, String keyspace) {
        this.cassandra = cassandra;
        this.keyspace = keyspace;
    }

    static Device device(String id) {
        return new Device(
                new DeviceIdentity(new DeviceId(id), new DeviceIdStruct("Acme", "00D09E", "RG-7", "SN-" + id),
                        T0.minusSeconds(3600)),
                new LastContact(T0, null, List.of(EventStruct.of(EventStruct.PERIODIC)), "192.0.2.1", "1.4"),
                new Reachability(null), new Inventory("Device.", "1.0", null),
                new DiscoveryState(false, null), Set.of("lab"));
    }

    static Parameter param(String path, String value) {
        return new Parameter(path, value, "xsd:string", true, T0);
    }

    /** A periodic session of {@link #device} that reports {@code params}. */
    static SessionChanges session(String id, Parameter... params) {
        SessionChanges.Builder b = new SessionChanges.Builder(device(id));
        for (Parameter p : params) {
            b.upsert(p);
        }
        return b.build();
    }

    static List<String> byParameter(AcsStore store, String path, String value) {
        return store.findDevices(DeviceQuery.ALL.withParameter(path, value), null, 100).stream()
                .map(d -> d.id().value()).toList();
    }

    /** The device's entries as stored. */
    Map<String, String> entries(String id) {
        Row r = cassandra.session.execute("SELECT params FROM " + keyspace + ".device_index WHERE shard = ? AND "
                + "device_id = ?", DeviceIndex.shard(new DeviceId(id)), id).one();
        return r == null ? Map.of() : r.getMap(0, String.class, String.class);
    }

    /** The device's index_pending flag, its write time and the summary's write time. */
    Row flag(String id) {
        return cassandra.session.execute("SELECT index_pending, writetime(index_pending), writetime(summary) FROM "
                + keyspace + ".devices WHERE device_id = ?", id).one();
    }

    long entryWritetime(String id, String path) {
        return cassandra.session.execute("SELECT writetime(params['" + path + "']) FROM " + keyspace
                + ".device_index WHERE shard = ? AND device_id = ?", DeviceIndex.shard(new DeviceId(id)), id).one()
                .getLong(0);
    }

    long valueWritetime(String id, String path) {
        return cassandra.session.execute("SELECT writetime(value) FROM " + keyspace + ".parameters WHERE "
                + "device_id = ? AND path = ?", id, path).one().getLong(0);
    }

    void writeEntry(String id, String path, String value, long timestamp) {
        cassandra.session.execute(SimpleStatement.newInstance("UPDATE " + keyspace + ".device_index USING TIMESTAMP "
                + timestamp + " SET params[?] = ? WHERE shard = ? AND device_id = ?", path, value,
                DeviceIndex.shard(new DeviceId(id)), id));
    }

    /** A row of store_settings, or null. */
    String setting(String name) {
        Row r = cassandra.session.execute("SELECT value FROM " + keyspace + ".store_settings WHERE name = ?", name)
                .one();
        return r == null ? null : r.getString(0);
    }
}
