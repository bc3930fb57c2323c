package io.lodestar.acs.core.rpc;

/** The CPE asks which RPCs the ACS supports (its element name on the wire is GetRPCMethods). */
public record CpeGetRPCMethods() implements CwmpMessage.CpeRequest {

    @Override
    public String methodName() {
        return "GetRPCMethods";
    }
}
