package io.lodestar.acs.core.rpc;

/** The CPE's answer to Reboot. */
public record RebootResponse() implements CwmpMessage.CpeResponse {

    @Override
    public String methodName() {
        return "RebootResponse";
    }
}
