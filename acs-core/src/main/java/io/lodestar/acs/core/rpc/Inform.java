package io.lodestar.acs.core.rpc;
import java.util.List;

/** Opens every session: who the CPE is, why it calls (events) and a few forced parameters. */
public record Inform(DeviceIdStruct deviceId, List<EventStruct> events, int maxEnvelopes, String currentTime, int retryCount, List<ParameterValueStruct> parameterList) implements CwmpMessage.CpeRequest {

    public Inform {
        events = List.copyOf(events);
        parameterList = List.copyOf(parameterList);
    }

    /** Whether the CPE reports this event code, e.g. {@link EventStruct#BOOTSTRAP}. */
    public boolean hasEvent(String eventCode) {
        return events.stream().anyMatch(e -> e.eventCode().equals(eventCode));
    }

    @Override
    public String methodName() {
        return "Inform";
    }
}
