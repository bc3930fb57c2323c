package io.lodestar.acs.core.rpc;

/** The CPE's answer to FactoryReset. */
public record FactoryResetResponse() implements CwmpMessage.CpeResponse {

    @Override
    public String methodName() {
        return "FactoryResetResponse";
    }
}
