package io.lodestar.acs.core.rpc;
import java.util.List;

/** The transfers the CPE has queued. */
public record GetAllQueuedTransfersResponse(List<QueuedTransferStruct> transferList) implements CwmpMessage.CpeResponse {

    public GetAllQueuedTransfersResponse {
        transferList = List.copyOf(transferList);
    }

    @Override
    public String methodName() {
        return "GetAllQueuedTransfersResponse";
    }
}
