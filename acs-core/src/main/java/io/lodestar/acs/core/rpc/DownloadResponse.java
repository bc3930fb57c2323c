package io.lodestar.acs.core.rpc;

/** Status 0: done already (times given); 1: will be done, TransferComplete follows. */
public record DownloadResponse(int status, String startTime, String completeTime) implements CwmpMessage.CpeResponse {

    @Override
    public String methodName() {
        return "DownloadResponse";
    }
}
