package io.lodestar.acs.core.device;

import io.lodestar.acs.core.rpc.EventStruct;

import java.time.Instant;
import java.util.List;

/** One Inform in a device's history: when, from where and why the device called. */
public record InformRecord(DeviceId deviceId, Instant at, List<EventStruct> events, String remoteAddress,
                           int retryCount) {

    public InformRecord {
        events = List.copyOf(events);
    }
}
