package io.lodestar.acs.service;

/**
 * Receives the {@link DomainEvent}s of the services it is registered with, in the thread that made the change,
 * after the change is stored. A listener that throws does not undo the change nor keep the event from the
 * other listeners: its exception is logged.
 */
@FunctionalInterface
public interface DomainEventListener {

    void on(DomainEvent event);
}
