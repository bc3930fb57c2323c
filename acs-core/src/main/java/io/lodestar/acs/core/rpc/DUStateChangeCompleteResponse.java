package io.lodestar.acs.core.rpc;

/** The ACS's answer to DUStateChangeComplete. */
public record DUStateChangeCompleteResponse() implements CwmpMessage.AcsResponse {

    @Override
    public String methodName() {
        return "DUStateChangeCompleteResponse";
    }
}
