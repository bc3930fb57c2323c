package io.lodestar.acs.core.device;

import io.lodestar.acs.core.rpc.EventStruct;

import java.time.Instant;
import java.util.List;

/**
 * The device's last session, as its Inform told it.
 *
 * @param informAt      its last Inform (null before the first)
 * @param bootAt        its last Inform with {@code 1 BOOT} (null when never seen)
 * @param events        the events of its last Inform
 * @param remoteAddress the IP address its last session came from
 * @param cwmpVersion   the CWMP version of its last session, e.g. "1.0"
 */
public record LastContact(Instant informAt, Instant bootAt, List<EventStruct> events, String remoteAddress,
                          String cwmpVersion) {

    /** A device that never informed. */
    public static final LastContact NEVER = new LastContact(null, null, List.of(), null, null);

    public LastContact {
        events = List.copyOf(events);
    }
}
