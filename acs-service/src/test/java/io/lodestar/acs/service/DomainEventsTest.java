package io.lodestar.acs.service;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lodestar.acs.core.device.DeviceId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivery of domain events to listeners, one listener's failure kept from the others. */
class DomainEventsTest {

    private static final DomainEvent DELETED = new DomainEvent.DeviceDeleted(new DeviceId("dev-1"),
            Instant.parse("2026-03-01T10:00:00Z"));

    private final Logger logger = (Logger) LoggerFactory.getLogger(DomainEvents.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logged);
    }

    @Test
    void everyListenerHearsEachEventInRegistrationOrder() {
        DomainEvents events = new DomainEvents();
        List<String> heard = new ArrayList<>();
        events.register(e -> heard.add("first " + e.deviceId()));
        events.register(e -> heard.add("second " + e.deviceId()));

        events.publish(DELETED);

        assertThat(heard).containsExactly("first dev-1", "second dev-1");
    }

    @Test
    void aListenerThatThrowsIsLoggedAndTheOthersStillHear() {
        DomainEvents events = new DomainEvents();
        List<DomainEvent> heard = new ArrayList<>();
        events.register(e -> {
            throw new IllegalStateException("mailer down");
        });
        events.register(heard::add);

        events.publish(DELETED);

        assertThat(heard).containsExactly(DELETED);
        assertThat(logged.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).contains("DeviceDeleted");
            assertThat(line.getThrowableProxy().getMessage()).isEqualTo("mailer down");
        });
    }

    @Test
    void anUnregisteredListenerHearsNothingMore() {
        DomainEvents events = new DomainEvents();
        List<DomainEvent> heard = new ArrayList<>();
        DomainEventListener listener = heard::add;
        events.register(listener);
        events.unregister(listener);

        events.publish(DELETED);

        assertThat(heard).isEmpty();
    }
}
