package io.lodestar.acs.core.rpc;

/** Reports a transfer the CPE did on its own initiative. */
public record AutonomousTransferComplete(String announceUrl, String transferUrl, boolean isDownload, String fileType, long fileSize, String targetFileName, FaultStruct fault, String startTime, String completeTime) implements CwmpMessage.CpeRequest {

    @Override
    public String methodName() {
        return "AutonomousTransferComplete";
    }
}
