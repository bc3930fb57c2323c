package io.lodestar.acs.core.rpc;

/** The ACS's answer to AutonomousDUStateChangeComplete. */
public record AutonomousDUStateChangeCompleteResponse() implements CwmpMessage.AcsResponse {

    @Override
    public String methodName() {
        return "AutonomousDUStateChangeCompleteResponse";
    }
}
