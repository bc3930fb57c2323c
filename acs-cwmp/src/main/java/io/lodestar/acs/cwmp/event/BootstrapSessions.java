package io.lodestar.acs.cwmp.event;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.EventStruct;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The sessions opened with {@code 0 BOOTSTRAP}, followed from their opening to their end, for listeners that act once
 * a device's first (or factory-reset) session has been stored: the ACS-managed credentials and the STUN policy. At
 * most {@link #MAX_TRACKED} at once, so a boot storm cannot grow it without bound; beyond that a device simply waits
 * for its next bootstrap.
 */
public final class BootstrapSessions {

    public static final int MAX_TRACKED = 100_000;

    private final Map<String, DeviceId> open = new ConcurrentHashMap<>();

    /**
     * A listener that hands each device whose bootstrap session ended stored to {@code action}, which must not block
     * (a policy queues its work on an executor of its own, never on the session's thread).
     */
    public static SessionListener afterStoredBootstrap(Consumer<DeviceId> action) {
        BootstrapSessions bootstrapping = new BootstrapSessions();
        return new SessionListener() {
            @Override
            public void sessionOpened(SessionEvent.Opened event) {
                bootstrapping.opened(event);
            }

            @Override
            public void sessionEnded(SessionEvent.Ended event) {
                bootstrapping.endedStored(event).ifPresent(action);
            }
        };
    }

    /** Remembers the session when it carries {@code 0 BOOTSTRAP}. */
    public void opened(SessionEvent.Opened event) {
        if (event.sessionId() != null && open.size() < MAX_TRACKED
                && event.events().stream().anyMatch(e -> EventStruct.BOOTSTRAP.equals(e.eventCode()))) {
            open.put(event.sessionId(), event.deviceId());
        }
    }

    /** The device whose bootstrap session this was, when it ended with its changes stored; forgets the session. */
    public Optional<DeviceId> endedStored(SessionEvent.Ended event) {
        if (event.sessionId() == null) {
            return Optional.empty();
        }
        DeviceId device = open.remove(event.sessionId());
        return device != null && event.outcome() == SessionEvent.Outcome.OK ? Optional.of(device) : Optional.empty();
    }
}
