package io.lodestar.acs.core.rpc;

/** The CPE's answer to CancelTransfer. */
public record CancelTransferResponse() implements CwmpMessage.CpeResponse {

    @Override
    public String methodName() {
        return "CancelTransferResponse";
    }
}
