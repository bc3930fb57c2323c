package io.lodestar.acs.core.rpc;

/** The new instance number; status 1 means it takes effect only after a reboot. */
public record AddObjectResponse(long instanceNumber, int status) implements CwmpMessage.CpeResponse {

    @Override
    public String methodName() {
        return "AddObjectResponse";
    }
}
