package io.lodestar.acs.core.rpc;

/** The CPE's answer to SetParameterAttributes. */
public record SetParameterAttributesResponse() implements CwmpMessage.CpeResponse {

    @Override
    public String methodName() {
        return "SetParameterAttributesResponse";
    }
}
