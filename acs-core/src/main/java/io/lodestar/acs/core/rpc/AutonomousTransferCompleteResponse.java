package io.lodestar.acs.core.rpc;

/** The ACS's answer to AutonomousTransferComplete. */
public record AutonomousTransferCompleteResponse() implements CwmpMessage.AcsResponse {

    @Override
    public String methodName() {
        return "AutonomousTransferCompleteResponse";
    }
}
