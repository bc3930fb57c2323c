package io.lodestar.acs.core.rpc;

/** Resets the CPE to factory defaults after the session; it comes back with 0 BOOTSTRAP. */
public record FactoryReset() implements CwmpMessage.AcsRequest {

    @Override
    public String methodName() {
        return "FactoryReset";
    }
}
