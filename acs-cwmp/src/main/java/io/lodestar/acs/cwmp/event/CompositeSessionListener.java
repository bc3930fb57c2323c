package io.lodestar.acs.cwmp.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Tells several listeners, in the order given, each in isolation: one that throws is logged and the
 * others are still told. The session service wraps whatever listener it is given in one, so that no
 * listener can break a session.
 */
public final class CompositeSessionListener implements SessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(CompositeSessionListener.class);

    private final List<SessionListener> listeners;

    private CompositeSessionListener(List<SessionListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Listeners told in this order, each in isolation. */
    public static CompositeSessionListener of(List<SessionListener> listeners) {
        return new CompositeSessionListener(listeners);
    }

    public static CompositeSessionListener of(SessionListener... listeners) {
        return of(List.of(listeners));
    }

    /** {@code listener} itself when it already isolates its parts, else a composite of it alone. */
    public static CompositeSessionListener isolating(SessionListener listener) {
        return listener instanceof CompositeSessionListener composite ? composite : of(listener);
    }

    @Override
    public void sessionOpened(SessionEvent.Opened event) {
        tell(event, SessionListener::sessionOpened);
    }

    @Override
    public void rpcSent(SessionEvent.RpcSent event) {
        tell(event, SessionListener::rpcSent);
    }

    @Override
    public void rpcAnswered(SessionEvent.RpcAnswered event) {
        tell(event, SessionListener::rpcAnswered);
    }

    @Override
    public void taskFinished(SessionEvent.TaskFinished event) {
        tell(event, SessionListener::taskFinished);
    }

    @Override
    public void operationStarted(SessionEvent.OperationStarted event) {
        tell(event, SessionListener::operationStarted);
    }

    @Override
    public void operationEnded(SessionEvent.OperationEnded event) {
        tell(event, SessionListener::operationEnded);
    }

    @Override
    public void sessionEnded(SessionEvent.Ended event) {
        tell(event, SessionListener::sessionEnded);
    }

    private <E extends SessionEvent> void tell(E event, BiConsumer<SessionListener, E> call) {
        for (SessionListener listener : listeners) {
            try {
                call.accept(listener, event);
            } catch (RuntimeException e) {
                LOG.warn("session listener {} failed on {} of device {}; the session goes on",
                        listener.getClass().getName(), event.getClass().getSimpleName(), event.deviceId(), e);
            }
        }
    }
}
