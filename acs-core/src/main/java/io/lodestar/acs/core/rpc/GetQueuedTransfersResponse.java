package io.lodestar.acs.core.rpc;

import java.util.List;

/** The transfers the ACS asked for that the CPE has queued. */
public record GetQueuedTransfersResponse(List<TransferStateStruct> transferList) implements CwmpMessage.CpeResponse {

    public GetQueuedTransfersResponse {
        transferList = List.copyOf(transferList);
    }

    @Override
    public String methodName() {
        return "GetQueuedTransfersResponse";
    }
}
