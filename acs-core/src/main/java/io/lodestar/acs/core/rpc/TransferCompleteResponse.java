package io.lodestar.acs.core.rpc;

/** The ACS's answer to TransferComplete. */
public record TransferCompleteResponse() implements CwmpMessage.AcsResponse {

    @Override
    public String methodName() {
        return "TransferCompleteResponse";
    }
}
