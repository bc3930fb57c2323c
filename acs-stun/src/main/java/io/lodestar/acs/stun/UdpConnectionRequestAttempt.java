package io.lodestar.acs.stun;

import java.util.concurrent.CompletableFuture;

/**
 * One UDP connection request on its way: its copies go out on a schedule until all are sent or the caller
 * {@link #stop() stops} them (the device's session started).
 */
public final class UdpConnectionRequestAttempt {

    private final UdpConnectionRequestMessage message;
    private final CompletableFuture<UdpSendOutcome> outcome = new CompletableFuture<>();
    private final CompletableFuture<Integer> finished = new CompletableFuture<>();
    private volatile boolean stopped;
    private int copiesSent;

    UdpConnectionRequestAttempt(UdpConnectionRequestMessage message) {
        this.message = message;
    }

    public long id() {
        return message.id();
    }

    public UdpConnectionRequestMessage message() {
        return message;
    }

    /** Completes when the first copy left the socket, or could not. Never completes exceptionally. */
    public CompletableFuture<UdpSendOutcome> outcome() {
        return outcome;
    }

    /** Completes with the number of copies sent once no more will be. */
    public CompletableFuture<Integer> finished() {
        return finished;
    }

    /** Sends no further copies (the device answered with a session). */
    public void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /** On the sender's loop. */
    int copySent() {
        return ++copiesSent;
    }

    void failed(String why) {
        outcome.complete(UdpSendOutcome.failed(message.id(), why));
        finished.complete(copiesSent);
    }

    void firstSent() {
        outcome.complete(UdpSendOutcome.ok(message.id()));
    }

    void done() {
        outcome.complete(UdpSendOutcome.failed(message.id(), "stopped before the first copy"));
        finished.complete(copiesSent);
    }
}
