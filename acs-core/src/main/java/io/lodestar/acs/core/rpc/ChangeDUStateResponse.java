package io.lodestar.acs.core.rpc;

/** The CPE's answer to ChangeDUState: accepted; DUStateChangeComplete follows. */
public record ChangeDUStateResponse() implements CwmpMessage.CpeResponse {

    @Override
    public String methodName() {
        return "ChangeDUStateResponse";
    }
}
