package io.lodestar.acs.store.codec;

import io.lodestar.acs.core.device.Device;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.DeviceIdentity;
import io.lodestar.acs.core.device.DiscoveryState;
import io.lodestar.acs.core.device.Inventory;
import io.lodestar.acs.core.device.LastContact;
import io.lodestar.acs.core.device.Reachability;
import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The device summary without its tags, as both stores write it (the embedded store appends the tags, the
 * Cassandra store keeps them in a column of their own). Field order: id, deviceIdStruct (presence + 4
 * strings), registeredAt, lastInformAt, lastBootAt, lastEvents, remoteAddress, connectionRequestUrl,
 * cwmpVersion, dataModelRoot, softwareVersion, hardwareVersion, discoveryRequired, discoveredAt. (The order of
 * the flat device of before its split into parts: the stored bytes did not change with the split.)
 */
public final class DeviceEncoding {

    private DeviceEncoding() {}

    public static void writeSummary(BinaryWriter w, Device d) {
        w.str(d.id().value());
        DeviceIdStruct s = d.deviceIdStruct();
        w.bool(s != null);
        if (s != null) {
            w.str(s.manufacturer());
            w.str(s.oui());
            w.str(s.productClass());
            w.str(s.serialNumber());
        }
        w.instant(d.registeredAt());
        w.instant(d.lastInformAt());
        w.instant(d.lastBootAt());
        TaskEncoding.writeEvents(w, d.lastEvents());
        w.str(d.remoteAddress());
        w.str(d.connectionRequestUrl());
        w.str(d.cwmpVersion());
        w.str(d.dataModelRoot());
        w.str(d.softwareVersion());
        w.str(d.hardwareVersion());
        w.bool(d.discoveryRequired());
        w.instant(d.discoveredAt());
    }

    /** Reads what {@link #writeSummary} wrote; the tags come from wherever the store keeps them. */
    public static Device readSummary(BinaryReader r, Set<String> tags) {
        DeviceId id = new DeviceId(r.str());
        DeviceIdStruct s = r.bool() ? new DeviceIdStruct(r.str(), r.str(), r.str(), r.str()) : null;
        Instant registeredAt = r.instant();
        Instant lastInformAt = r.instant();
        Instant lastBootAt = r.instant();
        List<EventStruct> events = TaskEncoding.readEvents(r);
        String remoteAddress = r.str();
        String crUrl = r.str();
        String cwmpVersion = r.str();
        String root = r.str();
        String sw = r.str();
        String hw = r.str();
        boolean discoveryRequired = r.bool();
        Instant discoveredAt = r.instant();
        return new Device(new DeviceIdentity(id, s, registeredAt),
                new LastContact(lastInformAt, lastBootAt, events, remoteAddress, cwmpVersion), new Reachability(crUrl),
                new Inventory(root, sw, hw), new DiscoveryState(discoveryRequired, discoveredAt),
                tags == null ? Set.of() : tags);
    }
}
