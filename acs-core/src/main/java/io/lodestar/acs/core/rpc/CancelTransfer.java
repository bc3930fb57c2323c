package io.lodestar.acs.core.rpc;

/** Cancels a queued transfer. */
public record CancelTransfer(String commandKey) implements CwmpMessage.AcsRequest {

    @Override
    public String methodName() {
        return "CancelTransfer";
    }
}
