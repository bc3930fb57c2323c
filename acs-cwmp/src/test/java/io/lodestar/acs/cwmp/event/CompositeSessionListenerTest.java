package io.lodestar.acs.cwmp.event;

import io.lodestar.acs.core.device.DeviceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class CompositeSessionListenerTest {

    private static final DeviceId DEVICE = new DeviceId("00562B-CP%2D8851-FCH1234");
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void everyListenerIsToldEveryEventInTheOrderGiven() {
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        SessionListener both = CompositeSessionListener.of(first, second);

        both.rpcSent(new SessionEvent.RpcSent(DEVICE, "s1", AT, "Reboot"));
        both.sessionEnded(new SessionEvent.Ended(DEVICE, "s1", AT, SessionEvent.Outcome.OK, null, 0, Duration.ZERO));

        assertThat(first.kinds()).containsExactly("RpcSent", "Ended");
        assertThat(second.events()).isEqualTo(first.events());
    }

    @Test
    void aListenerThatThrowsIsSkippedAndTheOthersAreStillTold() {
        RecordingListener after = new RecordingListener();
        SessionListener composite = CompositeSessionListener.of(new ThrowingListener(), after);

        assertThatCode(() -> composite.sessionOpened(new SessionEvent.Opened(DEVICE, "s1", AT, List.of(), "192.0.2.7",
                null))).doesNotThrowAnyException();

        assertThat(after.kinds()).containsExactly("Opened");
    }

    @Test
    void aCompositeIsNotWrappedAgain() {
        CompositeSessionListener composite = CompositeSessionListener.of(new RecordingListener());

        assertThat(CompositeSessionListener.isolating(composite)).isSameAs(composite);
        assertThat(CompositeSessionListener.isolating(SessionListener.NONE)).isNotSameAs(SessionListener.NONE);
    }

    @Test
    void theDefaultListenerIgnoresEverything() {
        assertThatCode(() -> SessionListener.NONE.rpcAnswered(new SessionEvent.RpcAnswered(DEVICE, "s1", AT,
                "Reboot", 9002))).doesNotThrowAnyException();
    }
}
