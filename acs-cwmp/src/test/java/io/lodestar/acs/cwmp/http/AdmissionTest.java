package io.lodestar.acs.cwmp.http;

import io.lodestar.acs.core.rpc.EventStruct;
import io.lodestar.acs.core.rpc.Inform;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The admission rules on their own: the bound, the reserved places, a slow store, a stop. */
class AdmissionTest {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Admission admission = new Admission(EndpointLimits.defaults().withSessions(10, 2), inFlight::get);

    private static Inform with(String event) {
        return LiveEndpoint.inform("cpe", event, 1);
    }

    @Test
    void periodicSessionsStopAtTheReservedPlacesAndPreferredOnesAtTheBound() {
        inFlight.set(7);
        assertThat(admission.refusal(with(EventStruct.PERIODIC))).isEmpty();
        inFlight.set(8);
        assertThat(admission.refusal(with(EventStruct.PERIODIC))).isPresent();
        assertThat(admission.refusal(with(EventStruct.CONNECTION_REQUEST))).isEmpty();
        assertThat(admission.refusal(with(EventStruct.TRANSFER_COMPLETE))).isEmpty();
        inFlight.set(10);
        assertThat(admission.refusal(with(EventStruct.CONNECTION_REQUEST))).contains("too many sessions in flight: retry later");
    }

    @Test
    void aSlowStoreAdmitsOnlyPreferredSessions() {
        admission.opened(Duration.ofSeconds(5)); // cwmp.max-store-latency is 2 s

        assertThat(admission.refusal(with(EventStruct.PERIODIC))).contains("the ACS is slow to open sessions: retry later");
        assertThat(admission.refusal(with(EventStruct.CONNECTION_REQUEST))).isEmpty();
    }

    @Test
    void aStoppingEndpointAdmitsNoOne() {
        admission.stop();

        assertThat(admission.refusal(with(EventStruct.CONNECTION_REQUEST))).contains("the ACS is stopping: retry later");
    }

    /** The devices being woken: those whose serial starts with "woken". */
    private static final WakesPending WOKEN = new WakesPending() {
        @Override
        public boolean pendingFor(Inform inform) {
            return inform.deviceId().serialNumber().startsWith("woken");
        }

        @Override
        public boolean any() {
            return true;
        }
    };

    @Test
    void anInformOfADeviceBeingWokenTakesTheReservedPlacesWhateverItsEvent() {
        Admission waking = new Admission(EndpointLimits.defaults().withSessions(10, 2), inFlight::get, WOKEN);
        inFlight.set(8);

        assertThat(waking.refusal(LiveEndpoint.inform("woken-1", EventStruct.BOOT, 1))).isEmpty();
        assertThat(waking.prefers(LiveEndpoint.inform("woken-1", EventStruct.BOOT, 1))).isTrue();
        assertThat(waking.refusal(LiveEndpoint.inform("other", EventStruct.BOOT, 1))).isPresent();
        assertThat(waking.prefers(LiveEndpoint.inform("other", EventStruct.BOOT, 1))).isFalse();
    }

    @Test
    void anUnreadRequestIsShedOnlyWhenNoPreferredEventIsNamedAndNoDeviceIsBeingWoken() {
        inFlight.set(8);
        assertThat(admission.shedUnread(false)).map(Admission.Shed::reason).contains(ShedReason.TOO_MANY_SESSIONS);
        assertThat(admission.shedUnread(true)).isEmpty();
        inFlight.set(7);
        assertThat(admission.shedUnread(false)).isEmpty();

        Admission waking = new Admission(EndpointLimits.defaults().withSessions(10, 2), inFlight::get, WOKEN);
        inFlight.set(9);
        assertThat(waking.shedUnread(false)).as("left to the worker, which reads the device").isEmpty();
    }
}
