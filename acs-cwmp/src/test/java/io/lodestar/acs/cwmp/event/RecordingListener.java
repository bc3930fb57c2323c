package io.lodestar.acs.cwmp.event;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event it is told, in order. */
public final class RecordingListener implements SessionListener {

    private final List<SessionEvent> events = new ArrayList<>();

    public synchronized List<SessionEvent> events() {
        return List.copyOf(events);
    }

    /** The events' kinds in order, e.g. {@code [Opened, RpcSent, Ended]}. */
    public synchronized List<String> kinds() {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    public synchronized <E extends SessionEvent> List<E> of(Class<E> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private synchronized void record(SessionEvent event) {
        events.add(event);
    }

    @Override
    public void sessionOpened(SessionEvent.Opened event) {
        record(event);
    }

    @Override
    public void rpcSent(SessionEvent.RpcSent event) {
        record(event);
    }

    @Override
    public void rpcAnswered(SessionEvent.RpcAnswered event) {
        record(event);
    }

    @Override
    public void taskFinished(SessionEvent.TaskFinished event) {
        record(event);
    }

    @Override
    public void operationStarted(SessionEvent.OperationStarted event) {
        record(event);
    }

    @Override
    public void operationEnded(SessionEvent.OperationEnded event) {
        record(event);
    }

    @Override
    public void sessionEnded(SessionEvent.Ended event) {
        record(event);
    }
}
