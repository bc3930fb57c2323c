package io.lodestar.acs.core.rpc;

/** Asks the other side which RPCs it supports (either side may send it). */
public record GetRPCMethods() implements CwmpMessage.AcsRequest {

    @Override
    public String methodName() {
        return "GetRPCMethods";
    }
}
