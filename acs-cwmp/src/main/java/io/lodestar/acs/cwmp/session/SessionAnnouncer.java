package io.lodestar.acs.cwmp.session;

import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.operation.Operation;
import io.lodestar.acs.core.rpc.CwmpFault;
import io.lodestar.acs.core.rpc.Inform;
import io.lodestar.acs.core.session.SessionChanges;
import io.lodestar.acs.core.task.Task;
import io.lodestar.acs.cwmp.event.CompositeSessionListener;
import io.lodestar.acs.cwmp.event.SessionEvent;
import io.lodestar.acs.cwmp.event.SessionEvent.Outcome;
import io.lodestar.acs.cwmp.event.SessionListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns what the session service does into {@link SessionEvent}s for the listener. The service calls
 * {@link #stored} only once a commit succeeded, so what depends on stored state is told only when durable;
 * a change already told after an earlier commit of the session (the bootstrap checkpoint) is not told again.
 */
final class SessionAnnouncer {

    private final SessionListener listener;
    private final Clock clock;

    SessionAnnouncer(SessionListener listener, Clock clock) {
        this.listener = CompositeSessionListener.isolating(listener);
        this.clock = clock;
    }

    void opened(LiveSession session, Inform inform) {
        listener.sessionOpened(new SessionEvent.Opened(session.deviceId(), session.id(), now(), inform.events(),
                session.remoteAddress(), session.engine().version(), inform.deviceId().productClass()));
    }

    void rpcSent(LiveSession session, String method) {
        listener.rpcSent(new SessionEvent.RpcSent(session.deviceId(), session.id(), now(), method));
    }

    void rpcAnswered(LiveSession session, String method, CwmpFault fault) {
        listener.rpcAnswered(new SessionEvent.RpcAnswered(session.deviceId(), session.id(), now(), method,
                fault == null ? null : fault.faultCode()));
    }

    /** Tells the tasks that reached a final status and the operations started or ended in durably stored changes. */
    void stored(LiveSession session, SessionChanges changes) {
        for (Task task : changes.tasks()) {
            if (task.status().isFinal() && session.firstTellingOf(task)) {
                listener.taskFinished(new SessionEvent.TaskFinished(session.deviceId(), session.id(), now(), task));
            }
        }
        for (Operation operation : changes.operations()) {
            if (!session.firstTellingOf(operation)) {
                continue;
            }
            if (operation.isInProgress()) {
                listener.operationStarted(new SessionEvent.OperationStarted(session.deviceId(), session.id(), now(),
                        operation));
            } else {
                listener.operationEnded(new SessionEvent.OperationEnded(session.deviceId(), session.id(), now(),
                        operation));
            }
        }
    }

    void ended(LiveSession session, Outcome outcome, String reason, int parametersWritten) {
        Instant now = now();
        listener.sessionEnded(new SessionEvent.Ended(session.deviceId(), session.id(), now, outcome, reason,
                parametersWritten, Duration.between(session.engine().openedAt(), now)));
    }

    /** An Inform turned away before any session opened. */
    void turnedAway(DeviceId deviceId, Outcome outcome, String reason) {
        listener.sessionEnded(new SessionEvent.Ended(deviceId, null, now(), outcome, reason, 0, Duration.ZERO));
    }

    private Instant now() {
        return clock.instant();
    }
}
