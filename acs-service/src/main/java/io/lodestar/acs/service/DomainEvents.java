package io.lodestar.acs.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the services announce their {@link DomainEvent}s: each event goes to every registered listener in
 * registration order. A listener's exception is logged and goes no further, because the change it announces
 * is already stored and the operator's request succeeded.
 */
public final class DomainEvents {

    private static final Logger LOG = LoggerFactory.getLogger(DomainEvents.class);

    // registering is rare, publishing frequent and possibly concurrent
    private final List<DomainEventListener> listeners = new CopyOnWriteArrayList<>();

    public void register(DomainEventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void unregister(DomainEventListener listener) {
        listeners.remove(listener);
    }

    void publish(DomainEvent event) {
        for (DomainEventListener listener : listeners) {
            try {
                listener.on(event);
            } catch (RuntimeException e) {
                LOG.warn("domain event listener {} failed on {}", listener, event, e);
            }
        }
    }
}
