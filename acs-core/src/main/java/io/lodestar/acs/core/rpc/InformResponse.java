package io.lodestar.acs.core.rpc;

/** The ACS's answer to Inform; MaxEnvelopes is always 1. */
public record InformResponse(int maxEnvelopes) implements CwmpMessage.AcsResponse {

    @Override
    public String methodName() {
        return "InformResponse";
    }
}
