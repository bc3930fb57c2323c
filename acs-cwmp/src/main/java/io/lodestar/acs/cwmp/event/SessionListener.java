package io.lodestar.acs.cwmp.event;

/**
 * Told what happens in CWMP sessions: for metrics, audit, an API call that waits for a task's result,
 * campaign progress. Every method does nothing by default, so a listener implements only what it needs.
 *
 * <p>Why a package of its own ({@code io.lodestar.acs.cwmp.event}) rather than {@code .session}: listeners
 * are written by other modules (the REST API, metrics, campaigns) that should see the events and nothing
 * of the session machinery ({@code LiveSession}, the registry); the events therefore carry plain values
 * (device id, session id, tasks and operations from acs-core) and this package depends on acs-core only.
 * The session package depends on it, never the reverse.
 *
 * <p>What the listener is promised:
 * <ul>
 *   <li>What depends on stored state ({@link #taskFinished}, {@link #operationStarted}, {@link #operationEnded})
 *   is told only after the store committed it: a listener never learns of a task finishing that was not
 *   durably written. A session whose final write fails reports none of it, only its end.</li>
 *   <li>Per session, in order: {@link #sessionOpened}; then {@link #rpcSent} and {@link #rpcAnswered} as they
 *   happen; then, once its changes are stored, {@link #taskFinished} for each task that reached a final
 *   status and the operations started or ended; last {@link #sessionEnded}. An Inform turned away (refused,
 *   challenged, store unavailable) gets only {@link #sessionEnded}.</li>
 *   <li>An exception thrown by a listener is logged and ignored: it never breaks a session (the service
 *   wraps listeners in a {@link CompositeSessionListener}).</li>
 * </ul>
 *
 * <p>Listeners are called synchronously on the thread that drives the session (a CWMP worker thread, the
 * idle sweep, or the shutdown), before the CPE gets its HTTP answer. They must therefore be quick and must
 * not block: no I/O, no store calls, no waiting on locks held elsewhere. Hand slow work to a queue or an
 * executor of your own.
 */
public interface SessionListener {

    /** Tells nothing to no one: the default. */
    SessionListener NONE = new SessionListener() {};

    default void sessionOpened(SessionEvent.Opened event) {}

    default void rpcSent(SessionEvent.RpcSent event) {}

    default void rpcAnswered(SessionEvent.RpcAnswered event) {}

    default void taskFinished(SessionEvent.TaskFinished event) {}

    default void operationStarted(SessionEvent.OperationStarted event) {}

    default void operationEnded(SessionEvent.OperationEnded event) {}

    default void sessionEnded(SessionEvent.Ended event) {}
}
