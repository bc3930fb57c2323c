package io.lodestar.acs.core.device;

import io.lodestar.acs.core.rpc.DeviceIdStruct;
import io.lodestar.acs.core.rpc.EventStruct;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What Lodestar knows about one device apart from its parameters: a summary refreshed by every Inform,
 * plus what operators configured (tags), which a bootstrap never erases.
 *
 * @param id                   the device's identity
 * @param deviceIdStruct       the DeviceId the device last reported (null when pre-registered by an operator)
 * @param registeredAt         when the device became known
 * @param lastInformAt         its last Inform (null before the first)
 * @param lastBootAt           its last Inform with {@code 1 BOOT} (null when never seen)
 * @param lastEvents           the events of its last Inform
 * @param remoteAddress        the IP address its last session came from
 * @param connectionRequestUrl ManagementServer.ConnectionRequestURL as last reported
 * @param cwmpVersion          the CWMP version of its last session, e.g. "1.0"
 * @param dataModelRoot        "Device." or "InternetGatewayDevice." (null until known)
 * @param softwareVersion      DeviceInfo.SoftwareVersion as last reported
 * @param hardwareVersion      DeviceInfo.HardwareVersion as last reported
 * @param discoveryRequired    whether the ACS must (re)learn the device's whole data model
 * @param discoveredAt         when the data model was last learned completely
 * @param tags                 operator-assigned labels
 */
public record Device(DeviceId id, DeviceIdStruct deviceIdStruct, Instant registeredAt, Instant lastInformAt,
                     Instant lastBootAt, List<EventStruct> lastEvents, String remoteAddress,
                     String connectionRequestUrl, String cwmpVersion, String dataModelRoot,
                     String softwareVersion, String hardwareVersion, boolean discoveryRequired,
                     Instant discoveredAt, Set<String> tags) {

    public Device {
        lastEvents = List.copyOf(lastEvents);
        tags = Set.copyOf(tags);
    }

    /** A device an operator or an Inform introduces: nothing learned yet, discovery required. */
    public static Device register(DeviceId id, Instant now) {
        return new Device(id, null, now, null, null, List.of(), null, null, null, null, null, null,
                true, null, Set.of());
    }

    public Device withDiscovery(boolean required, Instant discoveredAt) {
        return new Device(id, deviceIdStruct, registeredAt, lastInformAt, lastBootAt, lastEvents, remoteAddress,
                connectionRequestUrl, cwmpVersion, dataModelRoot, softwareVersion, hardwareVersion, required,
                discoveredAt, tags);
    }

    public Device withTags(Set<String> newTags) {
        return new Device(id, deviceIdStruct, registeredAt, lastInformAt, lastBootAt, lastEvents, remoteAddress,
                connectionRequestUrl, cwmpVersion, dataModelRoot, softwareVersion, hardwareVersion,
                discoveryRequired, discoveredAt, newTags);
    }
}
