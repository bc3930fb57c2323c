package io.lodestar.acs.core.rpc;

/** Asks for the transfers the ACS asked for that the CPE has queued or is doing. */
public record GetQueuedTransfers() implements CwmpMessage.AcsRequest {

    @Override
    public String methodName() {
        return "GetQueuedTransfers";
    }
}
