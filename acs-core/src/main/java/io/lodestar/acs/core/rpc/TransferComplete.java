package io.lodestar.acs.core.rpc;

/** Reports the end of a Download or Upload the ACS asked for. */
public record TransferComplete(String commandKey, FaultStruct fault, String startTime, String completeTime) implements CwmpMessage.CpeRequest {

    @Override
    public String methodName() {
        return "TransferComplete";
    }
}
