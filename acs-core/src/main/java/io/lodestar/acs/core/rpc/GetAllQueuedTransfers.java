package io.lodestar.acs.core.rpc;

/** Asks for the transfers the CPE has queued or is doing. */
public record GetAllQueuedTransfers() implements CwmpMessage.AcsRequest {

    @Override
    public String methodName() {
        return "GetAllQueuedTransfers";
    }
}
