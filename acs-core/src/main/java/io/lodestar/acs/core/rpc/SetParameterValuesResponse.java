package io.lodestar.acs.core.rpc;

/** 0: all changes applied; 1: applied and committed, but take effect only after a reboot. */
public record SetParameterValuesResponse(int status) implements CwmpMessage.CpeResponse {

    @Override
    public String methodName() {
        return "SetParameterValuesResponse";
    }
}
