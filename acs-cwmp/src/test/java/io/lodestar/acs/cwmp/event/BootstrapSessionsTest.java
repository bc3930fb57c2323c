package io.lodestar.acs.cwmp.event;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.CwmpVersion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BootstrapSessionsTest {

    private static SessionEvent.Opened opened(String device, String session, String event) {
        return new SessionEvent.Opened(new DeviceId(device), session, Instant.now(), List.of(new EventStruct(event, "")),
                "127.0.0.1", CwmpVersion.V1_4);
    }

    private static SessionEvent.Ended ended(String device, String session, SessionEvent.Outcome outcome) {
        return new SessionEvent.Ended(new DeviceId(device), session, Instant.now(), outcome, "", 0, Duration.ZERO);
    }

    @Test
    void onlyBootstrapSessionsThatEndedStoredReachTheAction() {
        List<DeviceId> told = new ArrayList<>();
        SessionListener listener = BootstrapSessions.afterStoredBootstrap(told::add);

        listener.sessionOpened(opened("BOOTSTRAPPED", "s1", EventStruct.BOOTSTRAP));
        listener.sessionOpened(opened("PERIODIC", "s2", EventStruct.PERIODIC));
        listener.sessionOpened(opened("CUT-SHORT", "s3", EventStruct.BOOTSTRAP));
        listener.sessionEnded(ended("BOOTSTRAPPED", "s1", SessionEvent.Outcome.OK));
        listener.sessionEnded(ended("PERIODIC", "s2", SessionEvent.Outcome.OK));
        listener.sessionEnded(ended("CUT-SHORT", "s3", SessionEvent.Outcome.ABANDONED));
        listener.sessionEnded(ended("BOOTSTRAPPED", "s1", SessionEvent.Outcome.OK)); // told once

        assertThat(told).containsExactly(new DeviceId("BOOTSTRAPPED"));
    }
}
