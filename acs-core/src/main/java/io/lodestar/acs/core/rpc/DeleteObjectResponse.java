package io.lodestar.acs.core.rpc;

/** Status 1 means the deletion takes effect only after a reboot. */
public record DeleteObjectResponse(int status) implements CwmpMessage.CpeResponse {

    @Override
    public String methodName() {
        return "DeleteObjectResponse";
    }
}
