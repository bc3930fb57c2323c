package io.lodestar.acs.cwmp.event;

/** A broken listener: every event makes it throw. */
public final class ThrowingListener implements SessionListener {

    private static RuntimeException broken() {
        return new IllegalStateException("a broken listener");
    }

    @Override
    public void sessionOpened(SessionEvent.Opened event) {
        throw broken();
    }

    @Override
    public void rpcSent(SessionEvent.RpcSent event) {
        throw broken();
    }

    @Override
    public void rpcAnswered(SessionEvent.RpcAnswered event) {
        throw broken();
    }

    @Override
    public void taskFinished(SessionEvent.TaskFinished event) {
        throw broken();
    }

    @Override
    public void operationStarted(SessionEvent.OperationStarted event) {
        throw broken();
    }

    @Override
    public void operationEnded(SessionEvent.OperationEnded event) {
        throw broken();
    }

    @Override
    public void sessionEnded(SessionEvent.Ended event) {
        throw broken();
    }
}
